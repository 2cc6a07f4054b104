package dev.tributary;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter to a message header. Supported parameter types: {@code String},
 * {@code Optional<String>}, and the primitive/boxed numbers and {@code boolean} (parsed from the text).
 * A missing header binds {@code null} ({@code Optional.empty()}), unless {@link #required()} is set, in
 * which case the message takes the error path of its acknowledgement policy.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Header {

    /** The header name. */
    String value();

    /** Whether a message without this header is an error. */
    boolean required() default false;
}
