package dev.tributary;

/** Thrown by a handler to end processing and nack the message (redeliver), whatever the policy. */
public final class NackMessage extends SettleMessage {
    private static final long serialVersionUID = 1L;

    public NackMessage() {
        super("nack requested by handler");
    }

    public NackMessage(String reason) {
        super(reason);
    }
}
