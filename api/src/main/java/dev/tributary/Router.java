package dev.tributary;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A bean class acting as a router (FastStream's {@code Router}): an address prefix and defaults for every
 * {@link Incoming} and {@link Outgoing} of the class. A method's own settings win over these.
 *
 * <pre>{@code
 * @ApplicationScoped
 * @Router(prefix = "billing.", connector = "kafka", ackPolicy = AckPolicy.NACK_ON_ERROR)
 * public class Billing { @Incoming("orders") void on(Order o) { ... } }   // consumes "billing.orders"
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Router {

    /** Prepended to every address of the class (also to channel names, so config keys see the full name). */
    String prefix() default "";

    /** Default connector for the class's handlers. */
    String connector() default "";

    /** Default acknowledgement policy for the class's handlers. */
    AckPolicy ackPolicy() default AckPolicy.INHERIT;

    /** Default worker count for the class's subscriptions; 0: not set here. */
    int maxWorkers() default 0;
}
