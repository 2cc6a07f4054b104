package dev.tributary.kafka;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Kafka options of one {@code @Incoming} handler, next to it on the method. Each has a subscription option of
 * the same meaning ({@code tributary.channels.<name>.<option>}, or a dynamic subscription's connector option),
 * which wins over the annotation; the connector's settings ({@link KafkaConfig}) are the fallback.
 *
 * <table>
 * <caption>subscription options</caption>
 * <tr><th>option</th><th>annotation</th></tr>
 * <tr><td>{@code group}</td><td>{@link #group()}</td></tr>
 * <tr><td>{@code auto.offset.reset}</td><td>{@link #offsetReset()}</td></tr>
 * <tr><td>{@code pattern}</td><td>{@link #pattern()}</td></tr>
 * <tr><td>{@code partitions}</td><td>{@link #partitions()} (comma separated)</td></tr>
 * <tr><td>{@code dead-letter}</td><td>{@link #deadLetter()}</td></tr>
 * <tr><td>{@code ordering}</td><td>{@link #ordering()}</td></tr>
 * <tr><td>{@code kafka.<property>}</td><td>{@link #properties()}</td></tr>
 * </table>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface KafkaOptions {

    /** The consumer group; empty: the connector's {@code group.id}, else {@code tributary-<channel>}. */
    String group() default "";

    /** {@code earliest}, {@code latest} or {@code none}; empty: the connector's {@code auto.offset.reset}. */
    String offsetReset() default "";

    /**
     * Whether the address is a Java regular expression of topic names (Kafka pattern subscription). Addresses
     * with {@code {param}} levels are pattern subscriptions anyway.
     */
    boolean pattern() default false;

    /**
     * Explicit partitions of the (single) topic: the subscription is assigned exactly these and takes no part
     * in group rebalancing (offsets are still committed to its group). Empty: group-managed.
     */
    int[] partitions() default {};

    /** Where rejected records go (a topic); empty: the connector's {@code dead-letter}, else dropped. */
    String deadLetter() default "";

    /** {@code partition} or {@code key} (see {@link KafkaConfig#ordering()}); empty: the connector's. */
    String ordering() default "";

    /** Consumer properties for this subscription, each {@code name=value} (e.g. {@code "max.poll.records=50"}). */
    String[] properties() default {};
}
