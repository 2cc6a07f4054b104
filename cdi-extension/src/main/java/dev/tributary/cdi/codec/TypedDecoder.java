package dev.tributary.cdi.codec;

import dev.tributary.Codec;
import dev.tributary.DecodeException;
import jakarta.json.bind.Jsonb;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Any other target (records, POJOs, {@code List<Order>}, {@code Map<String,Object>}, numbers, booleans,
 * enums, JSON-P values): JSON-B binding with the full generic type. {@code text/plain} bodies of scalar
 * targets are parsed as text ({@code "42"} → 42); every other body is bound as JSON, whatever its
 * content type (a typed target cannot take raw bytes, so an {@code application/octet-stream} or
 * {@code +json} body that holds JSON is accepted rather than refused). Empty body → {@code null};
 * a primitive target refuses {@code null} with a {@link DecodeException}.
 */
final class TypedDecoder implements Codec.Decoder<Object> {
    private final Type target;
    private final Jsonb jsonb;
    private final Function<String, Object> textParser;
    private final boolean primitive;

    TypedDecoder(Type target, Class<?> raw, Jsonb jsonb) {
        this.target = target;
        this.jsonb = jsonb;
        this.textParser = TextScalars.parserFor(raw);
        this.primitive = raw.isPrimitive();
    }

    @Override
    public Object decode(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            return orNull(null, contentType, 0);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (textParser != null && BodyKind.of(contentType) == BodyKind.TEXT) {
            try {
                return textParser.apply(text.strip());
            } catch (RuntimeException e) {
                // the JDK's messages quote the input: name the exception only
                throw DecodeFailures.of(target, contentType, body.length,
                        "text is not a valid " + target.getTypeName() + " (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        Object value;
        try {
            value = jsonb.fromJson(text, target);
        } catch (RuntimeException e) {
            throw DecodeFailures.of(target, contentType, body.length, e);
        }
        return orNull(value, contentType, body.length);
    }

    private Object orNull(Object value, String contentType, int size) {
        if (value == null && primitive) {
            throw DecodeFailures.of(target, contentType, size, "no value (empty body or JSON null) for a primitive", null);
        }
        return value;
    }
}
