package dev.tributary.cdi.codec;

import dev.tributary.Codec;
import dev.tributary.EncodedBody;
import java.nio.charset.StandardCharsets;

/** Declared {@code String} / {@code CharSequence}: UTF-8 bytes, not quoted, {@code text/plain}; {@code null} → empty body. */
enum TextEncoder implements Codec.Encoder {
    INSTANCE;

    @Override
    public EncodedBody encode(Object value) {
        return value == null ? BytesEncoder.none() : text((CharSequence) value);
    }

    static EncodedBody text(CharSequence value) {
        return new EncodedBody(value.toString().getBytes(StandardCharsets.UTF_8), EncodedBody.TEXT_PLAIN);
    }
}
