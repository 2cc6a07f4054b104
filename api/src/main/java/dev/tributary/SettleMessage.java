package dev.tributary;

/**
 * Base of the exceptions a handler throws to choose how its message is settled: {@link AckMessage},
 * {@link NackMessage}, {@link RejectMessage}. Sealed: the runtime knows every outcome.
 */
public abstract sealed class SettleMessage extends RuntimeException permits AckMessage, NackMessage, RejectMessage {
    private static final long serialVersionUID = 1L;

    SettleMessage(String reason) {
        super(reason, null, false, false);
    }
}
