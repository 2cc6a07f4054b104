package dev.tributary;

/**
 * When and how a consumed message is settled. Resolution order: the subscription
 * ({@link Incoming#ackPolicy()} or {@code tributary.channels.<name>.ack-policy}), then the class's
 * {@link Router}, then the connector's default ({@code tributary.connectors.<name>.ack-policy}, else
 * {@link #REJECT_ON_ERROR}).
 *
 * <p>Whatever the policy (except {@link #ACK_FIRST}, which has already acked), a handler may throw
 * {@link AckMessage}, {@link NackMessage} or {@link RejectMessage} to choose the outcome itself.
 *
 * <p>A message whose body cannot be decoded never reaches the handler. It is acked under {@link #ACK}
 * and {@link #ACK_FIRST}, and rejected under every other policy: redelivering a payload that cannot
 * be decoded cannot succeed, so even {@link #NACK_ON_ERROR} and {@link #MANUAL} reject it (dead-letter
 * where the broker has one). A coded log line ({@code TRB-RUN020}) names subscription, address and reason.
 */
public enum AckPolicy {
    /** Ack on receipt, before the handler runs (at-most-once). */
    ACK_FIRST,
    /** Ack after the handler, whether it succeeded or failed. */
    ACK,
    /** Ack on success; reject (drop / dead-letter) on error. */
    REJECT_ON_ERROR,
    /** Ack on success; nack (redeliver) on error. */
    NACK_ON_ERROR,
    /**
     * The handler settles the message itself through {@link Message#ack()}, {@code nack()} or {@code reject()};
     * a message it leaves unsettled stays in flight (counting against the in-flight bound) until it does. A
     * handler that throws without having settled the message gets it rejected.
     */
    MANUAL,
    /** Not a policy: "take it from the next level" (annotation default). */
    INHERIT
}
