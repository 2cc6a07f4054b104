package dev.tributary.cdi.codec;

import dev.tributary.Codec;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Target {@code Object}: text → {@code String}; JSON → natural values ({@code Map}, {@code List},
 * {@code BigDecimal}, {@code Boolean}, {@code String}, {@code null}); raw bytes → {@code byte[]}; no
 * content type → JSON if the body is exactly one JSON value, else {@code byte[]}. Empty body →
 * {@code null} ({@code ""} for {@code text/plain}).
 */
final class NaturalValueDecoder implements Codec.Decoder<Object> {
    private final Type target;
    private final JsonTextReader json;

    NaturalValueDecoder(Type target, JsonTextReader json) {
        this.target = target;
        this.json = json;
    }

    @Override
    public Object decode(byte[] body, String contentType) {
        BodyKind kind = BodyKind.of(contentType);
        if (body == null || body.length == 0) {
            return kind == BodyKind.TEXT ? "" : null;
        }
        switch (kind) {
            case TEXT:
                return new String(body, StandardCharsets.UTF_8);
            case BYTES:
                return body;
            case JSON:
                try {
                    return json.readValue(new String(body, StandardCharsets.UTF_8));
                } catch (RuntimeException e) {
                    throw DecodeFailures.of(target, contentType, body.length, e);
                }
            default:
                int first = JsonTextReader.firstNonWhitespace(body);
                if (first < 0 || !JsonTextReader.mayStartJson(body[first])) {
                    return body;
                }
                try {
                    return json.readValue(new String(body, StandardCharsets.UTF_8));
                } catch (RuntimeException e) {
                    return body;
                }
        }
    }
}
