package dev.tributary;

/**
 * Thrown by a handler to end processing and acknowledge the message, whatever the policy.
 * Carries no stack trace (it is control flow, not an error).
 */
public final class AckMessage extends SettleMessage {
    private static final long serialVersionUID = 1L;

    public AckMessage() {
        super("ack requested by handler");
    }

    public AckMessage(String reason) {
        super(reason);
    }
}
