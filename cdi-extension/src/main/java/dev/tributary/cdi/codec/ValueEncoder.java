package dev.tributary.cdi.codec;

import dev.tributary.Codec;
import dev.tributary.EncodedBody;

/**
 * Declared types that may hold bytes, text or anything else at run time ({@code Object}, interfaces):
 * picks the body rule from the value's runtime type with two {@code instanceof} checks.
 */
final class ValueEncoder implements Codec.Encoder {
    private final JsonEncoder json;

    ValueEncoder(JsonEncoder json) {
        this.json = json;
    }

    @Override
    public EncodedBody encode(Object value) {
        if (value == null) {
            return BytesEncoder.none();
        }
        if (value instanceof byte[] bytes) {
            return new EncodedBody(bytes, null);
        }
        if (value instanceof CharSequence text) {
            return TextEncoder.text(text);
        }
        return json.json(value);
    }
}
