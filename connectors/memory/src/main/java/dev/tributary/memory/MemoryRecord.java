package dev.tributary.memory;

import dev.tributary.spi.OutboundMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One published message as the in-memory broker keeps it: immutable, shared by every queue it was
 * routed to (each queue wraps it in its own {@link MemoryDelivery}).
 */
record MemoryRecord(String address, byte[] body, String contentType, String correlationId, String replyTo,
        String messageId, String key, Map<String, String> headers, long sequence, long timestamp) {

    static MemoryRecord of(OutboundMessage m, long sequence, long timestamp) {
        return new MemoryRecord(m.address(), m.body() == null ? dev.tributary.EncodedBody.EMPTY : m.body(),
                m.contentType(), m.correlationId(), m.replyTo(), m.messageId(), m.key(), copy(m.headers()),
                sequence, timestamp);
    }

    /** The same message published again to another address (dead-lettering). */
    OutboundMessage toOutbound(String newAddress) {
        return new OutboundMessage(newAddress, body, contentType, correlationId, replyTo, messageId, key, headers,
                Map.of());
    }

    private static Map<String, String> copy(Map<String, String> headers) {
        // the publisher's map may be mutable (middlewares change headers); keep our own, cheaply when empty
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
