package dev.tributary.spi;

/**
 * What a connector can do; {@link Connector#capabilities()} lists them and the TCK demands exactly those.
 */
public enum Capability {
    /** User headers travel with the message. */
    HEADERS,
    /** {@code nack()} makes the broker redeliver the message. */
    NACK_REDELIVERY,
    /** Messages not settled when a subscription stops are redelivered to its successor (at-least-once). */
    REDELIVERY_AFTER_RESTART,
    /** {@link Connector#request} works. */
    REQUEST_REPLY,
    /** Subscribing with the broker's wildcards. */
    WILDCARDS,
    /** {@code {param}} address templates. */
    PATH_TEMPLATES,
    /** Messages carry an ordering key ({@link InboundMessage#key()}) and order is kept per key. */
    ORDERING_KEY,
    /** {@link Subscription#pause()} stops the broker feeding (backpressure). */
    PAUSE,
    /** Consuming and publishing in batches. */
    BATCH,
    /**
     * {@link Sender#send} writes inside the caller's JTA transaction and fails at once with a coded error
     * when there is none (an outbox). The runtime publishes a handler's result to such a connector inside
     * a transaction ({@link TransactionRunner}) and refuses, at deployment, shapes that could not.
     */
    TRANSACTIONAL_PUBLISH
}
