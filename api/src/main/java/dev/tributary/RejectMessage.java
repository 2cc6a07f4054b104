package dev.tributary;

/** Thrown by a handler to end processing and reject the message (drop or dead-letter), whatever the policy. */
public final class RejectMessage extends SettleMessage {
    private static final long serialVersionUID = 1L;

    public RejectMessage() {
        super("reject requested by handler");
    }

    public RejectMessage(String reason) {
        super(reason);
    }
}
