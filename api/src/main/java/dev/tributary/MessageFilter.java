package dev.tributary;

/**
 * A custom filter for {@link Filter#value()}. Called on the subscription's worker thread before the
 * handler is chosen; must not block and must not settle the message. {@link Message#body()} decodes
 * lazily to the candidate handler's body type and throws when it cannot.
 */
@FunctionalInterface
public interface MessageFilter {

    /** Whether the candidate handler should take this message. */
    boolean test(Message<?> message);
}
