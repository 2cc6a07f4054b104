package dev.tributary.cdi.codec;

import dev.tributary.Codec;
import dev.tributary.EncodedBody;

/** Target {@code byte[]}: the body as received, whatever its content type (an empty array for an empty body). */
enum BytesDecoder implements Codec.Decoder<byte[]> {
    INSTANCE;

    @Override
    public byte[] decode(byte[] body, String contentType) {
        return body == null ? EncodedBody.EMPTY : body;
    }
}
