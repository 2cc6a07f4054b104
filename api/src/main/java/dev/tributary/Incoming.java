package dev.tributary;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a CDI bean as a message handler: it is invoked for every message that arrives on
 * {@link #value() the address}.
 *
 * <p>The value is both the channel name (the key of {@code tributary.channels.<name>.*} configuration)
 * and, unless configuration remaps it, the broker address (topic, queue, subject, channel). An address
 * may be a template: {@code "devices/{id}/temp"} subscribes with the connector's single-level wildcard
 * and hands the level to a {@link PathParam @PathParam("id")} parameter. A {@code {name}} must fill a
 * whole level, and {@code {{x}}} stands for literal braces.
 *
 * <p>Parameters a handler may declare: one body parameter (decoded to its declared type by the
 * subscription's {@link Codec}), {@link Header @Header}, {@link PathParam @PathParam}, {@link Message},
 * and the metadata types the connector offers (for example {@code KafkaMetadata}). Anything else is
 * reported at deployment.
 *
 * <p>Threading: the handler never runs on a broker client's I/O thread. With {@code maxWorkers = 1}
 * (the default) messages of one subscription are handled one at a time, in arrival order. With more
 * workers they run in parallel, and order is kept per message key where the broker has one.
 *
 * <p>The method may be repeated to consume several addresses with one method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Incoming.List.class)
public @interface Incoming {

    /** The channel name and default address (may be a {@code {param}} template or contain wildcards). */
    String value();

    /** The connector name; empty: configuration, then the class's {@link Router}, then the only connector. */
    String connector() default "";

    /** Acknowledgement policy; {@link AckPolicy#INHERIT}: configuration, the class's router, the connector default. */
    AckPolicy ackPolicy() default AckPolicy.INHERIT;

    /** Concurrent handler invocations for this subscription; 0: configuration, router, then 1 (ordered). */
    int maxWorkers() default 0;

    /**
     * Bound on messages received but not yet settled (acked, nacked or rejected); when reached, the
     * connector is told to stop fetching until handlers catch up. 0: configuration, then the default (1024).
     */
    int maxInFlight() default 0;

    /** The codec used to decode bodies; {@code Codec.class}: the default FastStream-compatible JSON-B codec. */
    Class<? extends Codec> codec() default Codec.class;

    /**
     * Whether a returned plain value carries this message's user headers to every {@link Outgoing} (a
     * returned {@link Response} adds its own headers over them). Default {@code false}: a result carries
     * only what it says. Configuration: {@code tributary.channels.<name>.propagate-headers}.
     */
    boolean propagateHeaders() default false;

    /**
     * Batch consumption: when greater than 0 the handler receives up to this many messages at once; its body
     * parameter is a {@code List<T>} (each element decoded to {@code T}) or it takes {@code List<Message<T>>}.
     * The batch is settled as one: acknowledged when the handler returns, the error path for every message
     * when it throws. 0 (default): one message per call. Configuration: {@code tributary.channels.<name>.batch-size}.
     */
    int batchSize() default 0;

    /**
     * With {@link #batchSize()}: the longest a started batch waits for more messages before it is handed to the
     * handler, as a duration ({@code "100ms"}, {@code "2s"}); empty: 100 ms. Configuration:
     * {@code tributary.channels.<name>.batch-wait}.
     */
    String batchWait() default "";

    /** Container for repeated {@link Incoming} annotations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        Incoming[] value();
    }
}
