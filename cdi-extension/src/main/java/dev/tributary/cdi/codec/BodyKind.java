package dev.tributary.cdi.codec;

import dev.tributary.EncodedBody;

/**
 * How a body is to be read, from its content type alone (WIRE-FORMAT.md, "Decoding"): exactly
 * {@code text/plain} is text; {@code application/json} or a value starting with it is JSON; any other
 * non-empty type is raw bytes; no type (or an empty one, as Kafka and NATS send for raw bytes) means
 * "try JSON, else raw bytes".
 */
enum BodyKind {
    TEXT,
    JSON,
    BYTES,
    UNKNOWN;

    static BodyKind of(String contentType) {
        if (contentType == null || contentType.isEmpty()) {
            return UNKNOWN;
        }
        if (contentType.equals(EncodedBody.TEXT_PLAIN)) {
            return TEXT;
        }
        if (contentType.startsWith(EncodedBody.APPLICATION_JSON)) {
            return JSON;
        }
        return BYTES;
    }
}
