package dev.tributary.cdi;

import dev.tributary.Codec;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The codecs of a deployment: the default FastStream-compatible JSON-B codec and user-chosen ones, with
 * their encoders and decoders built once per type. Thread-safe.
 */
final class Codecs {
    private final Instances instances;
    private volatile Codec defaultCodec;
    private final Map<Codec, Map<Type, Codec.Decoder<?>>> decoders = new ConcurrentHashMap<>();
    private final Map<Codec, Map<Type, Codec.Encoder>> encoders = new ConcurrentHashMap<>();

    Codecs(Instances instances) {
        this.instances = instances;
    }

    /** The codec for an annotation's {@code codec()} value; {@code Codec.class} is the default. {@code null}: unusable class. */
    Codec codec(Class<? extends Codec> type) {
        if (type == null || type == Codec.class) {
            return defaultCodec();
        }
        return instances.obtain(type);
    }

    Codec defaultCodec() {
        Codec c = defaultCodec;
        if (c == null) {
            synchronized (this) {
                c = defaultCodec;
                if (c == null) {
                    c = createDefault();
                    defaultCodec = c;
                }
            }
        }
        return c;
    }

    private static Codec createDefault() {
        return new dev.tributary.cdi.codec.JsonbCodec();
    }

    Codec.Decoder<?> decoder(Codec codec, Type type) {
        return decoders.computeIfAbsent(codec, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(type, codec::decoder);
    }

    Codec.Encoder encoder(Codec codec, Type type) {
        return encoders.computeIfAbsent(codec, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(type, codec::encoder);
    }
}
