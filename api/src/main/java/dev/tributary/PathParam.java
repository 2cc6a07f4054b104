package dev.tributary;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter to a {@code {name}} level of the {@link Incoming} address template, taken
 * from the concrete address the message arrived on. The name must appear in every template of the
 * method (deployment error {@code TRB-CDI007} otherwise). Parameter types as for {@link Header}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface PathParam {

    /** The template parameter name. */
    String value();
}
