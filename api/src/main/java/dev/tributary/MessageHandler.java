package dev.tributary;

/**
 * The handler of a dynamic subscription. Runs on the subscription's worker thread. Settlement follows
 * the subscription's {@link AckPolicy}, as for annotated handlers.
 */
@FunctionalInterface
public interface MessageHandler<T> {
    void handle(Message<T> message) throws Exception;
}
