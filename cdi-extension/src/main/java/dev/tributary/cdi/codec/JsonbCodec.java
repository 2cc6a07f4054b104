package dev.tributary.cdi.codec;

import dev.tributary.Codec;
import dev.tributary.DecodeException;
import dev.tributary.TributaryException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParserFactory;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Objects;

/**
 * The default codec: FastStream 0.7's body conventions (WIRE-FORMAT.md) with JSON-B for objects.
 *
 * <p><b>Encoding.</b> {@code null} → empty body, no content type; {@code byte[]} → unchanged, no content
 * type; {@code String} (any {@code CharSequence}) → UTF-8 bytes, not quoted, {@code text/plain};
 * anything else (records, POJOs, maps, lists, numbers, booleans, enums) → compact JSON,
 * {@code application/json}. The rule follows the value's runtime type when the declared type could
 * hold several kinds ({@code Object}, interfaces).
 *
 * <p><b>Decoding.</b> The content type picks how the body is read: exactly {@code text/plain} → text;
 * {@code application/json} or a value starting with it → JSON; any other non-empty type → raw bytes;
 * none (or empty) → JSON if the body parses, else raw bytes. The result is then converted to the target:
 * {@code byte[]} → the raw bytes, always; {@code String} → the text (a JSON string literal unquoted,
 * other JSON as its text); {@code Object} → {@code String}, natural JSON values ({@code Map},
 * {@code List}, {@code BigDecimal}, {@code Boolean}, {@code String}) or {@code byte[]}; any other type →
 * JSON-B binding with the full generic type ({@code List<Order>} works), with {@code text/plain} numbers,
 * booleans and enum names accepted for scalar targets. An empty body is {@code null} for reference
 * types. A body that does not fit the target is a {@link DecodeException} ({@code TRB-COD001}) naming
 * the target type and the reason, never the body.
 *
 * <p><b>Threading and cost.</b> Thread-safe: one instance serves every subscription and publisher, and
 * its encoders and decoders may be called from any number of threads at once. {@link #decoder} and
 * {@link #encoder} do all type analysis once; per message there is no reflection. Nothing blocks. The
 * no-argument constructor creates its own {@link Jsonb} on first need (JSON-B and JSON-P
 * implementations must be on the class path then); the other constructor uses the caller's, which
 * the caller keeps ownership of (and closes).
 *
 * <p>JSON-B binding rules apply: records and POJOs must be public types, and JSON-B's own leniencies
 * (for example content after a top-level value, or numeric overflow) are not refused for typed targets.
 */
public final class JsonbCodec implements Codec {
    private final Object lock = new Object();
    private volatile Jsonb jsonb;
    private volatile JsonTextReader jsonText;

    /** A codec with its own JSON-B instance, created on first need; null fields are written as {@code null}, as pydantic and FastStream do. */
    public JsonbCodec() {
    }

    /** A codec using the given JSON-B instance (for custom {@code JsonbConfig}); not closed by this codec. */
    public JsonbCodec(Jsonb jsonb) {
        this.jsonb = Objects.requireNonNull(jsonb, "jsonb");
    }

    @Override
    public Encoder encoder(Type type) {
        Class<?> raw = RawType.of(type);
        if (raw == byte[].class) {
            return BytesEncoder.INSTANCE;
        }
        if (CharSequence.class.isAssignableFrom(raw)) {
            return TextEncoder.INSTANCE;
        }
        JsonEncoder json = new JsonEncoder(jsonb());
        boolean exact = raw.isPrimitive() || raw.isArray() || Modifier.isFinal(raw.getModifiers());
        return exact ? json : new ValueEncoder(json);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Decoder<T> decoder(Type type) {
        Class<?> raw = RawType.of(type);
        Decoder<?> decoder;
        if (raw == byte[].class) {
            decoder = BytesDecoder.INSTANCE;
        } else if (raw == String.class || raw == CharSequence.class) {
            decoder = new TextDecoder(type, jsonText());
        } else if (raw == Object.class) {
            decoder = new NaturalValueDecoder(type, jsonText());
        } else {
            decoder = new TypedDecoder(type, raw, jsonb());
        }
        return (Decoder<T>) decoder;
    }

    private Jsonb jsonb() {
        Jsonb current = jsonb;
        if (current == null) {
            synchronized (lock) {
                current = jsonb;
                if (current == null) {
                    try {
                        current = JsonbBuilder.create(new jakarta.json.bind.JsonbConfig().withNullValues(true));
                    } catch (RuntimeException e) {
                        throw new TributaryException("TRB-COD004",
                                "no JSON-B implementation could be created (add one, e.g. Yasson, to the class path): " + e, e);
                    }
                    jsonb = current;
                }
            }
        }
        return current;
    }

    private JsonTextReader jsonText() {
        JsonTextReader current = jsonText;
        if (current == null) {
            synchronized (lock) {
                current = jsonText;
                if (current == null) {
                    JsonParserFactory factory;
                    try {
                        factory = JsonProvider.provider().createParserFactory(Map.of());
                    } catch (RuntimeException e) {
                        throw new TributaryException("TRB-COD004",
                                "no JSON-P implementation found (add one, e.g. Parsson, to the class path): " + e, e);
                    }
                    current = new JsonTextReader(factory);
                    jsonText = current;
                }
            }
        }
        return current;
    }
}
