package dev.tributary;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Publishes the value a handler method returns to {@link #value() an address}. Repeatable: the value
 * goes to every {@code @Outgoing} of the method. A {@code null} return publishes nothing; a
 * {@link Response} carries headers and a correlation id; a {@code CompletionStage} is awaited without
 * blocking the worker.
 *
 * <p>The incoming message is acknowledged only after every outgoing publish was accepted by its
 * broker; a failed publish takes the subscription's error path. A method returning {@code void} cannot
 * carry {@code @Outgoing} (deployment error {@code TRB-CDI010}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Outgoing.List.class)
public @interface Outgoing {

    /** The channel name and default address; must not contain wildcards. */
    String value();

    /** The connector name; empty: configuration, then the class's {@link Router}, then the only connector. */
    String connector() default "";

    /** The codec used to encode the value; {@code Codec.class}: the default codec. */
    Class<? extends Codec> codec() default Codec.class;

    /** Container for repeated {@link Outgoing} annotations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        Outgoing[] value();
    }
}
