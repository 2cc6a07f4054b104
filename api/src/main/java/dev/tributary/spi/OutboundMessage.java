package dev.tributary.spi;

import java.util.Map;

/**
 * A message to publish, already encoded. The runtime always sets a correlation id.
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
 */
public record OutboundMessage(String address, byte[] body, String contentType, String correlationId,
        String replyTo, String messageId, String key, Map<String, String> headers, Map<String, Object> options) {
}
