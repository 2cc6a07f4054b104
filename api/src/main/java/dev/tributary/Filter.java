package dev.tributary;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets several handlers share one subscription (same address and connector): each message goes to the
 * first handler whose filter matches, in ascending {@link #order()} (ties: bean class name, then method
 * name). A handler without {@code @Filter} on that subscription is the fallback and runs when no filter
 * matched; at most one fallback per subscription ({@code TRB-CDI012}). A message nobody matches takes the
 * subscription's error path ({@code TRB-RUN022}).
 *
 * <p>All conditions given on one {@code @Filter} must hold:
 * <ul>
 * <li>{@link #headers()}: {@code "name=value"} (exact) or {@code "name"} (present);</li>
 * <li>{@link #contentType()}: the message's content type starts with it;</li>
 * <li>{@link #bodyType()}: the body decodes to the handler's body parameter type;</li>
 * <li>{@link #value()}: a custom {@link MessageFilter} (a CDI bean if there is one, else created with its
 *     no-argument constructor).</li>
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Filter {

    /** A custom predicate; {@code MessageFilter.class}: none. */
    Class<? extends MessageFilter> value() default MessageFilter.class;

    /** Header conditions: {@code "name=value"} or {@code "name"}. */
    String[] headers() default {};

    /** Content type prefix; empty: any. */
    String contentType() default "";

    /** Match only when the body decodes to the handler's body type. */
    boolean bodyType() default false;

    /** Position among the filtered handlers of the subscription (lower first). */
    int order() default 0;
}
