package dev.tributary.spi;

import java.util.Map;

/**
 * A message to publish, already encoded. The runtime always sets a correlation id; when nothing gave one (a plain
 * publish without {@code PublishOptions.correlationId}, or the result of a message that carried none) it makes a
 * fresh random one and says so with {@code correlationIdGenerated}, so a connector whose wire format makes the id
 * optional may leave such an id off the wire (Kafka does by default) while ids that link messages are kept.
 *
 * @param address the concrete address (no wildcards, parameters filled)
 * @param body the body bytes (never {@code null})
 * @param contentType the content type or {@code null}
 * @param correlationId the correlation id
 * @param replyTo the reply address or {@code null}
 * @param messageId the message id or {@code null}
 * @param key the ordering key or {@code null}
 * @param headers user headers (never {@code null})
 * @param options connector-specific options (never {@code null})
 * @param correlationIdGenerated true when the runtime made the correlation id up for this message alone (nothing
 *        links to it yet); false for an id given by the application, inherited from a consumed message, or of a
 *        request
 */
public record OutboundMessage(String address, byte[] body, String contentType, String correlationId,
        String replyTo, String messageId, String key, Map<String, String> headers, Map<String, Object> options,
        boolean correlationIdGenerated) {

    /** A message whose correlation id was given or inherited (not {@linkplain #correlationIdGenerated() generated}). */
    public OutboundMessage(String address, byte[] body, String contentType, String correlationId, String replyTo,
            String messageId, String key, Map<String, String> headers, Map<String, Object> options) {
        this(address, body, contentType, correlationId, replyTo, messageId, key, headers, options, false);
    }
}
