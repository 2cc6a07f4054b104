package dev.tributary.cdi.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.Codec;
import dev.tributary.EncodedBody;
import dev.tributary.TributaryException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WIRE-FORMAT.md's body table, publishing side: bytes and content type exactly as FastStream 0.7 writes them. */
class JsonbCodecEncodeTest {
    private final JsonbCodec codec = new JsonbCodec();

    private EncodedBody encode(Type declared, Object value) {
        return codec.encoder(declared).encode(value);
    }

    private static void assertBody(EncodedBody body, String utf8, String contentType) {
        assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo(utf8);
        assertThat(body.contentType()).isEqualTo(contentType);
    }

    @Test
    void nullIsAnEmptyBodyWithoutContentTypeWhateverTheDeclaredType() {
        for (Type declared : List.of(Object.class, String.class, byte[].class, Order.class, Integer.class,
                new TypeRef<List<Order>>() { }.type())) {
            EncodedBody body = encode(declared, null);
            assertThat(body.bytes()).as("%s", declared).isEmpty();
            assertThat(body.contentType()).as("%s", declared).isNull();
        }
    }

    @Test
    void bytesAreSentUnchangedWithoutContentType() {
        byte[] raw = {0, (byte) 0xff, 'a', '{'};
        assertThat(encode(byte[].class, raw).bytes()).isSameAs(raw);
        assertThat(encode(byte[].class, raw).contentType()).isNull();
        assertThat(encode(Object.class, raw).bytes()).isSameAs(raw);
        assertThat(encode(Object.class, raw).contentType()).isNull();
    }

    @Test
    void stringsAreUtf8TextNotQuoted() {
        assertBody(encode(String.class, "héllo ✓ 日本"), "héllo ✓ 日本", "text/plain");
        assertThat(encode(String.class, "é").bytes()).containsExactly(0xc3, 0xa9);
        assertBody(encode(Object.class, "plain"), "plain", "text/plain");
        assertBody(encode(String.class, "{\"looks\":\"like json\"}"), "{\"looks\":\"like json\"}", "text/plain");
        assertBody(encode(CharSequence.class, new StringBuilder("sb")), "sb", "text/plain");
        assertBody(encode(String.class, ""), "", "text/plain");
    }

    @Test
    void recordsAreCompactJson() {
        assertBody(encode(Order.class, new Order("a-1", 3)), "{\"id\":\"a-1\",\"qty\":3}", "application/json");
        assertBody(encode(Object.class, new Order("é", 0)), "{\"id\":\"é\",\"qty\":0}", "application/json");
    }

    @Test
    void mapsListsNumbersBooleansAndEnumsAreCompactJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k", List.of(1, 2));
        map.put("n", null);
        assertBody(encode(Map.class, map), "{\"k\":[1,2],\"n\":null}", "application/json"); // as Python json.dumps
        assertBody(encode(new TypeRef<List<Order>>() { }.type(), List.of(new Order("x", 1))),
                "[{\"id\":\"x\",\"qty\":1}]", "application/json");
        assertBody(encode(int.class, 42), "42", "application/json");
        assertBody(encode(Integer.class, 42), "42", "application/json");
        assertBody(encode(Object.class, 2.5d), "2.5", "application/json");
        assertBody(encode(Number.class, new BigDecimal("1.10")), "1.10", "application/json");
        assertBody(encode(boolean.class, true), "true", "application/json");
        assertBody(encode(Object.class, false), "false", "application/json");
        assertBody(encode(Colour.class, Colour.RED), "\"RED\"", "application/json");
    }

    @Test
    void aValueJsonbCannotSerializeIsCod003() {
        Codec.Encoder encoder = codec.encoder(Object.class);
        Object unserializable = new Object() {
            public Object getSelf() {
                throw new IllegalStateException("boom");
            }
        };
        assertThatThrownBy(() -> encoder.encode(unserializable))
                .isInstanceOf(TributaryException.class)
                .satisfies(e -> assertThat(((TributaryException) e).code()).isEqualTo("TRB-COD003"));
    }
}
