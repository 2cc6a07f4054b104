package dev.tributary;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies an injected {@link Publisher}: {@code @Inject @Channel("orders") Publisher<Order> orders;}.
 * The value is the channel name and default address; {@code tributary.channels.<name>.address} and
 * {@code .connector} remap it.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Channel {

    /** The channel name and default address. */
    String value();

    /** The connector name; empty: configuration, then the only connector. */
    @Nonbinding
    String connector() default "";
}
