package dev.tributary.cdi.codec;

import dev.tributary.Codec;
import dev.tributary.EncodedBody;

/** Declared {@code byte[]}: the bytes as they are, no content type; {@code null} → empty body. */
enum BytesEncoder implements Codec.Encoder {
    INSTANCE;

    private static final EncodedBody NONE = new EncodedBody(EncodedBody.EMPTY, null);

    static EncodedBody none() {
        return NONE;
    }

    @Override
    public EncodedBody encode(Object value) {
        return value == null ? NONE : new EncodedBody((byte[]) value, null);
    }
}
