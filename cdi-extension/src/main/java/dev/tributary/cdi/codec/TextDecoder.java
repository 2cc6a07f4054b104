package dev.tributary.cdi.codec;

import dev.tributary.Codec;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Target {@code String} (or {@code CharSequence}): the body's UTF-8 text. A JSON string literal is
 * unquoted (JSON content: required; no content type: if it parses); other JSON stays as its text.
 * An empty body is {@code ""} when it was sent as {@code text/plain} (an empty string), else {@code null}.
 */
final class TextDecoder implements Codec.Decoder<String> {
    private final Type target;
    private final JsonTextReader json;

    TextDecoder(Type target, JsonTextReader json) {
        this.target = target;
        this.json = json;
    }

    @Override
    public String decode(byte[] body, String contentType) {
        BodyKind kind = BodyKind.of(contentType);
        if (body == null || body.length == 0) {
            return kind == BodyKind.TEXT ? "" : null;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (kind == BodyKind.TEXT || kind == BodyKind.BYTES) {
            return text;
        }
        int first = JsonTextReader.firstNonWhitespace(body);
        if (first < 0 || body[first] != '"') {
            return text;
        }
        try {
            return json.readString(text);
        } catch (RuntimeException e) {
            if (kind == BodyKind.UNKNOWN) {
                return text;
            }
            throw DecodeFailures.of(target, contentType, body.length, e);
        }
    }
}
