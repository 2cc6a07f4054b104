package dev.tributary.cdi.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.DecodeException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** WIRE-FORMAT.md's decoding rules, per content type and per target type. */
class JsonbCodecDecodeTest {
    private static final Type ORDERS = new TypeRef<List<Order>>() { }.type();
    private static final Type STRING_MAP = new TypeRef<Map<String, Object>>() { }.type();

    private final JsonbCodec codec = new JsonbCodec();

    private Object decode(Type target, String body, String contentType) {
        return decode(target, body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    private Object decode(Type target, byte[] body, String contentType) {
        return codec.decoder(target).decode(body, contentType);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- text/plain ----

    @Test
    void textPlainToStringObjectAndBytes() {
        assertThat(decode(String.class, "héllo ✓ 日本", "text/plain")).isEqualTo("héllo ✓ 日本");
        assertThat(decode(Object.class, "héllo", "text/plain")).isEqualTo("héllo");
        assertThat(decode(Object.class, "{\"a\":1}", "text/plain")).isEqualTo("{\"a\":1}");
        assertThat(decode(String.class, "\"quoted\"", "text/plain")).isEqualTo("\"quoted\"");
        assertThat((byte[]) decode(byte[].class, "héllo", "text/plain")).isEqualTo(utf8("héllo"));
        assertThat(decode(CharSequence.class, "cs", "text/plain")).isEqualTo("cs");
    }

    @Test
    void textPlainNumbersAndBooleansToScalars() {
        assertThat(decode(int.class, "42", "text/plain")).isEqualTo(42);
        assertThat(decode(Integer.class, " -7\n", "text/plain")).isEqualTo(-7);
        assertThat(decode(double.class, "2.5", "text/plain")).isEqualTo(2.5d);
        assertThat(decode(long.class, "9000000000", "text/plain")).isEqualTo(9_000_000_000L);
        assertThat(decode(boolean.class, "true", "text/plain")).isEqualTo(true);
        assertThat(decode(Boolean.class, "False", "text/plain")).isEqualTo(false);
        assertThat(decode(BigDecimal.class, "1.10", "text/plain")).isEqualTo(new BigDecimal("1.10"));
        assertThat(decode(Colour.class, "GREEN", "text/plain")).isEqualTo(Colour.GREEN);
        assertThat(decode(char.class, "x", "text/plain")).isEqualTo('x');
    }

    @Test
    void textPlainThatIsNotANumberIsCod001WithoutThePayload() {
        assertThatThrownBy(() -> decode(int.class, "secret-42", "text/plain"))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("TRB-COD001")
                .hasMessageContaining("int")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> decode(boolean.class, "yes-secret", "text/plain"))
                .isInstanceOf(DecodeException.class).hasMessageNotContaining("secret");
    }

    @Test
    void textPlainHoldingJsonIsBoundForObjectTypes() {
        // lenient: a typed target cannot take plain text, so JSON text is bound when it fits
        assertThat(decode(Order.class, "{\"id\":\"t\",\"qty\":1}", "text/plain")).isEqualTo(new Order("t", 1));
        assertThatThrownBy(() -> decode(Order.class, "just words", "text/plain"))
                .isInstanceOf(DecodeException.class);
    }

    // ---- application/json (with and without charset suffix) ----

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8"})
    void jsonToEveryTarget(String contentType) {
        String order = "{\"id\":\"é-1\",\"qty\":3}";
        assertThat(decode(Order.class, order, contentType)).isEqualTo(new Order("é-1", 3));
        assertThat(decode(ORDERS, "[" + order + ",{\"id\":\"b\",\"qty\":4}]", contentType))
                .isEqualTo(List.of(new Order("é-1", 3), new Order("b", 4)));
        assertThat(decode(STRING_MAP, order, contentType)).isEqualTo(Map.of("id", "é-1", "qty", new BigDecimal("3")));
        assertThat(decode(String.class, order, contentType)).isEqualTo(order);
        assertThat(decode(String.class, "\"a\\u00e9\\\"b\"", contentType)).isEqualTo("aé\"b");
        assertThat((byte[]) decode(byte[].class, order, contentType)).isEqualTo(utf8(order));
        assertThat(decode(int.class, "42", contentType)).isEqualTo(42);
        assertThat(decode(double.class, "2.5", contentType)).isEqualTo(2.5d);
        assertThat(decode(boolean.class, "true", contentType)).isEqualTo(true);
        assertThat(decode(Colour.class, "\"RED\"", contentType)).isEqualTo(Colour.RED);
    }

    @Test
    void jsonToObjectGivesNaturalValues() {
        Object value = decode(Object.class, "{\"b\":1,\"a\":[2.5,true,null,\"s\"],\"c\":{\"d\":false}}", "application/json");
        assertThat(value).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        assertThat(map.keySet()).containsExactly("b", "a", "c");
        assertThat(map.get("b")).isEqualTo(new BigDecimal("1"));
        assertThat(map.get("a")).isEqualTo(java.util.Arrays.asList(new BigDecimal("2.5"), true, null, "s"));
        assertThat(map.get("c")).isEqualTo(Map.of("d", false));
        assertThat(decode(Object.class, "\"str\"", "application/json")).isEqualTo("str");
        assertThat(decode(Object.class, "7", "application/json")).isEqualTo(new BigDecimal("7"));
        assertThat(decode(Object.class, "null", "application/json")).isNull();
    }

    @Test
    void malformedJsonToTypedTargetsIsCod001NamingTheTypeNotThePayload() {
        for (Type target : List.of(Order.class, ORDERS, STRING_MAP, int.class, Object.class)) {
            assertThatThrownBy(() -> decode(target, "{\"id\":\"secret-value\",", "application/json"))
                    .as("%s", target)
                    .isInstanceOf(DecodeException.class)
                    .satisfies(e -> assertThat(((DecodeException) e).code()).isEqualTo("TRB-COD001"))
                    .hasMessageContaining(target.getTypeName())
                    .hasMessageContaining("application/json")
                    .hasMessageNotContaining("secret-value");
        }
        assertThatThrownBy(() -> decode(String.class, "\"unterminated", "application/json"))
                .isInstanceOf(DecodeException.class).hasMessageContaining("java.lang.String");
    }

    @Test
    void jsonThatDoesNotFitTheTypeIsCod001WithoutEchoingValues() {
        assertThatThrownBy(() -> decode(Order.class, "{\"id\":\"x\",\"qty\":\"secret\"}", "application/json"))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining(Order.class.getName())
                .hasMessageNotContaining("\"secret\"");
        assertThatThrownBy(() -> decode(Colour.class, "\"SECRETCOLOUR\"", "application/json"))
                .isInstanceOf(DecodeException.class)
                .hasMessageNotContaining("SECRETCOLOUR");
        assertThatThrownBy(() -> decode(Order.class, "[1,2]", "application/json"))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> decode(Order.class, "\"a string\"", "application/json"))
                .isInstanceOf(DecodeException.class)
                .hasMessageEndingWith("the JSON does not fit the type (NoSuchElementException)");
        assertThatThrownBy(() -> decode(int.class, "null", "application/json"))
                .isInstanceOf(DecodeException.class).hasMessageContaining("primitive");
    }

    // ---- other content types: raw bytes ----

    @Test
    void otherContentTypeKeepsRawBytes() {
        byte[] raw = {'{', '"', 'a', '"', ':', '1', '}'};
        assertThat(decode(Object.class, raw, "application/octet-stream")).isSameAs(raw);
        assertThat(decode(Object.class, raw, "text/plain; charset=utf-8")).isSameAs(raw); // "exactly text/plain"
        assertThat(decode(byte[].class, raw, "application/xml")).isSameAs(raw);
        assertThat(decode(String.class, "héllo", "application/octet-stream")).isEqualTo("héllo");
        byte[] binary = {0, (byte) 0xff, 1};
        assertThat(decode(Object.class, binary, "image/png")).isSameAs(binary);
    }

    @Test
    void otherContentTypeHoldingJsonIsBoundForTypedTargets() {
        assertThat(decode(Order.class, "{\"id\":\"v\",\"qty\":2}", "application/vnd.order+json"))
                .isEqualTo(new Order("v", 2));
        assertThatThrownBy(() -> decode(Order.class, new byte[] {0, 1, 2}, "application/octet-stream"))
                .isInstanceOf(DecodeException.class).hasMessageContaining("application/octet-stream");
    }

    // ---- no content type (null, or empty as Kafka/NATS send for raw bytes): try JSON, else bytes ----

    @ParameterizedTest
    @NullAndEmptySource
    void noContentTypeJsonIsDecodedAsJson(String contentType) {
        String order = "{\"id\":\"n\",\"qty\":5}";
        assertThat(decode(Object.class, order, contentType)).isEqualTo(Map.of("id", "n", "qty", new BigDecimal("5")));
        assertThat(decode(Order.class, order, contentType)).isEqualTo(new Order("n", 5));
        assertThat(decode(ORDERS, "[" + order + "]", contentType)).isEqualTo(List.of(new Order("n", 5)));
        assertThat(decode(STRING_MAP, order, contentType)).isEqualTo(Map.of("id", "n", "qty", new BigDecimal("5")));
        assertThat(decode(String.class, order, contentType)).isEqualTo(order);
        assertThat(decode(String.class, " \"quoted ✓\" ", contentType)).isEqualTo("quoted ✓");
        assertThat(decode(Object.class, "\"quoted\"", contentType)).isEqualTo("quoted");
        assertThat((byte[]) decode(byte[].class, order, contentType)).isEqualTo(utf8(order));
        assertThat(decode(int.class, "42", contentType)).isEqualTo(42);
        assertThat(decode(double.class, "-0.5", contentType)).isEqualTo(-0.5d);
        assertThat(decode(boolean.class, "false", contentType)).isEqualTo(false);
        assertThat(decode(Object.class, "true", contentType)).isEqualTo(true);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void noContentTypeNonJsonKeepsRawBytes(String contentType) {
        byte[] words = utf8("hello world");
        assertThat(decode(Object.class, words, contentType)).isSameAs(words);
        byte[] trailing = utf8("42 apples");
        assertThat(decode(Object.class, trailing, contentType)).isSameAs(trailing);
        byte[] broken = utf8("{\"a\":");
        assertThat(decode(Object.class, broken, contentType)).isSameAs(broken);
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G'};
        assertThat(decode(Object.class, binary, contentType)).isSameAs(binary);
        assertThat(decode(String.class, "hello wörld", contentType)).isEqualTo("hello wörld");
        assertThat(decode(String.class, "\"half", contentType)).isEqualTo("\"half");
        assertThat((byte[]) decode(byte[].class, words, contentType)).isSameAs(words);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void noContentTypeNonJsonToTypedTargetIsCod001(String contentType) {
        assertThatThrownBy(() -> decode(Order.class, "not json at all", contentType))
                .isInstanceOf(DecodeException.class)
                .satisfies(e -> assertThat(((DecodeException) e).code()).isEqualTo("TRB-COD001"))
                .hasMessageContaining(Order.class.getName())
                .hasMessageContaining("content type none")
                .hasMessageNotContaining("not json at all");
        assertThatThrownBy(() -> decode(int.class, "forty-two", contentType)).isInstanceOf(DecodeException.class);
    }

    // ---- empty body ----

    @Test
    void emptyBodyIsNullForReferenceTypes() {
        for (String contentType : new String[] {null, "", "application/json", "application/octet-stream"}) {
            for (Type target : List.of(Object.class, String.class, Order.class, ORDERS, STRING_MAP, Integer.class)) {
                assertThat(decode(target, new byte[0], contentType)).as("%s / %s", target, contentType).isNull();
            }
        }
        assertThat(decode(Order.class, (byte[]) null, null)).isNull();
    }

    @Test
    void emptyTextPlainIsTheEmptyStringAndEmptyBytesStayBytes() {
        assertThat(decode(String.class, new byte[0], "text/plain")).isEqualTo("");
        assertThat(decode(Object.class, new byte[0], "text/plain")).isEqualTo("");
        assertThat((byte[]) decode(byte[].class, new byte[0], null)).isEmpty();
        assertThat((byte[]) decode(byte[].class, (byte[]) null, null)).isEmpty();
    }

    @Test
    void emptyBodyToPrimitiveIsCod001() {
        assertThatThrownBy(() -> decode(int.class, new byte[0], null))
                .isInstanceOf(DecodeException.class).hasMessageContaining("int");
        assertThatThrownBy(() -> decode(boolean.class, new byte[0], "text/plain"))
                .isInstanceOf(DecodeException.class);
    }

    // ---- round trips through this codec ----

    @Test
    void whatIsEncodedDecodesToTheSameValue() {
        Order order = new Order("rt-é", 9);
        var body = codec.encoder(Order.class).encode(order);
        assertThat(codec.decoder(Order.class).decode(body.bytes(), body.contentType())).isEqualTo(order);
        var text = codec.encoder(String.class).encode("{\"not\":\"json to me\"}");
        assertThat(codec.decoder(String.class).decode(text.bytes(), text.contentType())).isEqualTo("{\"not\":\"json to me\"}");
        assertThat(codec.decoder(Object.class).decode(text.bytes(), text.contentType())).isEqualTo("{\"not\":\"json to me\"}");
        var list = codec.encoder(ORDERS).encode(List.of(order));
        assertThat(codec.decoder(ORDERS).decode(list.bytes(), list.contentType())).isEqualTo(List.of(order));
        var nothing = codec.encoder(Order.class).encode(null);
        assertThat(codec.decoder(Order.class).decode(nothing.bytes(), nothing.contentType())).isNull();
    }

    @Test
    void aSuppliedJsonbIsUsed() throws Exception {
        try (var jsonb = jakarta.json.bind.JsonbBuilder.create(new jakarta.json.bind.JsonbConfig()
                .withPropertyNamingStrategy(jakarta.json.bind.config.PropertyNamingStrategy.UPPER_CAMEL_CASE))) {
            JsonbCodec custom = new JsonbCodec(jsonb);
            assertThat(new String(custom.encoder(Order.class).encode(new Order("c", 1)).bytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"Id\":\"c\",\"Qty\":1}");
            assertThat(custom.decoder(Order.class).decode(utf8("{\"Id\":\"c\",\"Qty\":1}"), "application/json"))
                    .isEqualTo(new Order("c", 1));
        }
    }
}
