package dev.tributary.cdi.codec;

import dev.tributary.Codec;
import dev.tributary.TributaryException;
import java.lang.reflect.Type;

/**
 * A codec that does no decoding at all: bodies stay {@code byte[]} both ways, with no content type
 * ({@code null} → empty body). For handlers and publishers that handle bytes themselves.
 *
 * <p>Only {@code byte[]} is accepted: {@link #encoder} and {@link #decoder} refuse any other type when
 * they are created (at start-up, not per message) with a {@link TributaryException} {@code TRB-COD002}.
 * Thread-safe and stateless; nothing blocks.
 */
public final class PassThroughCodec implements Codec {

    @Override
    public Encoder encoder(Type type) {
        requireBytes(type, "publish");
        return BytesEncoder.INSTANCE;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Decoder<T> decoder(Type type) {
        requireBytes(type, "receive");
        return (Decoder<T>) BytesDecoder.INSTANCE;
    }

    private static void requireBytes(Type type, String what) {
        if (type != byte[].class) {
            throw new TributaryException("TRB-COD002", "PassThroughCodec can only " + what + " byte[], not "
                    + (type == null ? "null" : type.getTypeName())
                    + "; declare the body as byte[] or use the default codec (JsonbCodec)");
        }
    }
}
