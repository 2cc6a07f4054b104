package dev.tributary.memory.testing;

import dev.tributary.EncodedBody;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes what a test publishes and decodes replies by the wire format's rules (WIRE-FORMAT.md), as a
 * FastStream producer would: {@code null} → empty; {@code byte[]} → as is; {@code String} → UTF-8
 * {@code text/plain}; anything else → JSON ({@code application/json}). The runtime's own codec lives in
 * tributary-cdi, which this module must not depend on; what a test sends is what a foreign producer sends,
 * so the handlers under test decode it exactly as in production. Thread-safe; JSON-B created on first use.
 */
final class WireBody implements AutoCloseable {

    private volatile Jsonb jsonb;

    EncodedBody encode(Object value) {
        if (value == null) {
            return new EncodedBody(EncodedBody.EMPTY, null);
        }
        if (value instanceof byte[] bytes) {
            return new EncodedBody(bytes, null);
        }
        if (value instanceof String s) {
            return new EncodedBody(s.getBytes(StandardCharsets.UTF_8), EncodedBody.TEXT_PLAIN);
        }
        try {
            return new EncodedBody(jsonb().toJson(value).getBytes(StandardCharsets.UTF_8), EncodedBody.APPLICATION_JSON);
        } catch (RuntimeException e) {
            throw TestBrokerErrors.codec("cannot encode a " + value.getClass().getName() + " as JSON", e);
        }
    }

    <R> R decode(byte[] body, String contentType, Class<R> type) {
        if (type == byte[].class) {
            return type.cast(body);
        }
        if (body.length == 0) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        boolean json = contentType != null && contentType.startsWith(EncodedBody.APPLICATION_JSON);
        boolean plain = contentType != null && contentType.equals(EncodedBody.TEXT_PLAIN);
        if (type == String.class && !(json && text.startsWith("\""))) {
            return type.cast(text);
        }
        if (plain && type == Object.class) {
            return type.cast(text);
        }
        try {
            return jsonb().fromJson(text, type);
        } catch (RuntimeException e) {
            if (type == Object.class && !json) {
                return type.cast(text);
            }
            throw TestBrokerErrors.codec("cannot decode the reply (" + contentType + ") to " + type.getName() + ": "
                    + (text.length() > 200 ? text.substring(0, 200) + "…" : text), e);
        }
    }

    private Jsonb jsonb() {
        Jsonb j = jsonb;
        if (j == null) {
            synchronized (this) {
                j = jsonb;
                if (j == null) {
                    j = JsonbBuilder.create();
                    jsonb = j;
                }
            }
        }
        return j;
    }

    @Override
    public void close() {
        Jsonb j = jsonb;
        if (j != null) {
            try {
                j.close();
            } catch (Exception ignored) {
                // closing a JSON-B instance only releases caches
            }
        }
    }
}
