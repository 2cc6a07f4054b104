package dev.tributary.memory;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * In-memory connector options for one {@code @Incoming} handler, next to it on the method. The
 * subscription option of the same name ({@code tributary.channels.<name>.group}, or a dynamic
 * subscription's connector option) wins over the annotation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MemoryOptions {

    /**
     * The consumer group: subscriptions of one group on one address share a durable queue and each
     * message goes to one of them. Empty: the connector's {@code group}, else a queue of its own.
     */
    String group() default "";

    /** Where rejected messages go; empty: the connector's {@code dead-letter}, else dropped. */
    String deadLetter() default "";
}
