package dev.tributary.spi;

import dev.tributary.TributaryException;
import java.util.Locale;
import java.util.function.Function;

/**
 * When a connector whose wire format makes the correlation id optional (Kafka header {@code correlation_id}, MQTT 5
 * Correlation Data) puts it on a published message. The one setting both connectors read as {@code correlation-id},
 * connector-wide and per publishing channel.
 */
public enum CorrelationIdPolicy {
    /**
     * When the id links the message to something: given by the application, inherited from a consumed message, or
     * carried by a request or a reply — not an id the runtime made up for a plain publish
     * ({@link OutboundMessage#correlationIdGenerated()}). Readers make one up when it is missing. The default.
     */
    AUTO,
    /** On every message (FastStream's habit). */
    ALWAYS,
    /** Only on requests (messages with a reply address). */
    OMIT;

    /** The setting's key. */
    public static final String KEY = "correlation-id";

    /** Whether a message {@code m} carries its correlation id on the wire. */
    public boolean writes(OutboundMessage m) {
        if (m.correlationId() == null) {
            return false;
        }
        return switch (this) {
            case ALWAYS -> true;
            case AUTO -> m.replyTo() != null || !m.correlationIdGenerated();
            case OMIT -> m.replyTo() != null;
        };
    }

    /**
     * Parses {@code auto}, {@code always} or {@code omit} (any case; {@code null} or blank: {@code fallback}); any
     * other value fails with {@code invalid} applied to the list of valid values.
     */
    public static CorrelationIdPolicy parse(String value, CorrelationIdPolicy fallback,
            Function<String, TributaryException> invalid) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "always" -> ALWAYS;
            case "omit" -> OMIT;
            default -> throw invalid.apply("auto, always or omit");
        };
    }
}
