package dev.tributary;

import java.lang.reflect.Type;

/**
 * Turns bodies into bytes and back. The default codec follows FastStream's wire conventions
 * (WIRE-FORMAT.md): {@code null} → empty; {@code byte[]} → as is; {@code String} → UTF-8,
 * {@code text/plain}; anything else → compact JSON (JSON-B), {@code application/json}.
 *
 * <p>A codec is asked once per type for an {@link Encoder} or {@link Decoder} when the runtime starts;
 * those are then called for every message, from many threads: they must be thread-safe and should do
 * no per-message work that could be done once. Choose another codec per subscription or publisher with
 * {@link Incoming#codec()} / {@link Outgoing#codec()}; a codec class is a CDI bean when it is one, else
 * created with its no-argument constructor.
 */
public interface Codec {

    /** An encoder for values of the given declared type (the runtime type of each value may be narrower). */
    Encoder encoder(Type type);

    /** A decoder to the given target type. */
    <T> Decoder<T> decoder(Type type);

    /** Encodes one value. */
    @FunctionalInterface
    interface Encoder {
        EncodedBody encode(Object value);
    }

    /** Decodes one body; throws {@link DecodeException} when the bytes do not fit the type. */
    @FunctionalInterface
    interface Decoder<T> {
        T decode(byte[] body, String contentType);
    }
}
