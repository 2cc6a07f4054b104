package dev.tributary.tck.brokers;

/**
 * A broker could not be started, stopped or used. The message starts with a stable code
 * {@code TRB-TCK1nn} ({@link #code()}):
 * <ul>
 *   <li>{@code TRB-TCK101} a broker binary (or the Kafka artifacts) is missing — the message names
 *       what to install;</li>
 *   <li>{@code TRB-TCK102} the broker did not answer its protocol before the start deadline —
 *       the message ends with the last lines of its log;</li>
 *   <li>{@code TRB-TCK103} the broker process exited while starting (exit code and log lines);</li>
 *   <li>{@code TRB-TCK104} the broker did not stop in time and was killed;</li>
 *   <li>{@code TRB-TCK105} preparing the data directory or configuration failed (I/O);</li>
 *   <li>{@code TRB-TCK106} wrong use: closed broker, never started, configured after start;</li>
 *   <li>{@code TRB-TCK107} the in-JVM Kafka broker failed to format, start or stop;</li>
 *   <li>{@code TRB-TCK108} a Kafka topic could not be created or did not become ready;</li>
 *   <li>{@code TRB-TCK109} the in-JVM Kafka broker tried to exit or halt the JVM;</li>
 *   <li>{@code TRB-TCK110} the system user a broker must run as (root only) does not exist.</li>
 * </ul>
 */
public final class BrokerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    BrokerException(String code, String message) {
        this(code, message, null);
    }

    BrokerException(String code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    /** The stable code, for example {@code "TRB-TCK102"}. */
    public String code() {
        return code;
    }
}
