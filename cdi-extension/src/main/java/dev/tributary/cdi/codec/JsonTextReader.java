package dev.tributary.cdi.codec;

import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text with JSON-P into the "natural" Java values of JSON-B's {@code Object} mapping
 * ({@code Map<String,Object>} (insertion-ordered), {@code List<Object>}, {@link BigDecimal},
 * {@link Boolean}, {@link String}, {@code null}), and rejects any content after the value — unlike
 * {@code Jsonb.fromJson}, which ignores trailing input and so cannot answer "is this JSON?".
 * Thread-safe: the factory is shared, each call has its own parser.
 */
final class JsonTextReader {
    private final JsonParserFactory parsers;

    JsonTextReader(JsonParserFactory parsers) {
        this.parsers = parsers;
    }

    /** One whole JSON value as natural Java values; throws {@link JsonException} if the text is not exactly one JSON value. */
    Object readValue(String json) {
        try (JsonParser parser = parsers.createParser(new StringReader(json))) {
            if (!parser.hasNext()) {
                throw new JsonException("no JSON value");
            }
            Object value = read(parser, parser.next());
            requireEnd(parser);
            return value;
        }
    }

    /** A whole JSON string literal, unescaped; throws {@link JsonException} otherwise. */
    String readString(String json) {
        try (JsonParser parser = parsers.createParser(new StringReader(json))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.VALUE_STRING) {
                throw new JsonException("not a JSON string");
            }
            String value = parser.getString();
            requireEnd(parser);
            return value;
        }
    }

    /** Index of the first byte that is not JSON whitespace, or -1. */
    static int firstNonWhitespace(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return i;
            }
        }
        return -1;
    }

    /** Whether a JSON value may start with this byte (cheap sniffing before a real parse). */
    static boolean mayStartJson(byte b) {
        return b == '{' || b == '[' || b == '"' || b == '-' || (b >= '0' && b <= '9') || b == 't' || b == 'f' || b == 'n';
    }

    private static void requireEnd(JsonParser parser) {
        if (parser.hasNext()) {
            throw new JsonException("content after the JSON value");
        }
    }

    private static Object read(JsonParser parser, JsonParser.Event event) {
        switch (event) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
                    String key = parser.getString();
                    map.put(key, read(parser, parser.next()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_ARRAY; e = parser.next()) {
                    list.add(read(parser, e));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getString();
            case VALUE_NUMBER:
                return parser.getBigDecimal();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonException("unexpected " + event);
        }
    }
}
