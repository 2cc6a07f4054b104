package dev.tributary;

/**
 * Subscribe and unsubscribe at runtime (FastStream's dynamic subscribers). Inject it:
 * {@code @Inject Subscriptions subscriptions;}. A dynamic subscription behaves like an {@link Incoming}
 * one (workers, in-flight bound, ack policy, codec, middlewares of its connector) until closed.
 *
 * <p>Thread-safe. Subscribing fails with a {@link TributaryException} when the connector is unknown or
 * the address template is invalid. Subscriptions still open when the application stops are drained and
 * closed with the rest.
 */
public interface Subscriptions {

    /** Subscribes to an address on the default connector. */
    <T> DynamicSubscription subscribe(String address, Class<T> bodyType, MessageHandler<T> handler);

    /** Subscribes with options. */
    <T> DynamicSubscription subscribe(SubscribeOptions options, Class<T> bodyType, MessageHandler<T> handler);
}
