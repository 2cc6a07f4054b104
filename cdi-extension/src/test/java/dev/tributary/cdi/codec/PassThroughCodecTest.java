package dev.tributary.cdi.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.EncodedBody;
import dev.tributary.TributaryException;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassThroughCodecTest {
    private final PassThroughCodec codec = new PassThroughCodec();

    @Test
    void bytesGoOutUnchangedWithoutContentType() {
        byte[] raw = {'{', '}', (byte) 0xff};
        EncodedBody body = codec.encoder(byte[].class).encode(raw);
        assertThat(body.bytes()).isSameAs(raw);
        assertThat(body.contentType()).isNull();
        EncodedBody none = codec.encoder(byte[].class).encode(null);
        assertThat(none.bytes()).isEmpty();
        assertThat(none.contentType()).isNull();
    }

    @Test
    void bytesComeInUndecodedWhateverTheContentType() {
        byte[] json = {'{', '}'};
        for (String contentType : new String[] {null, "", "application/json", "text/plain", "x/y"}) {
            assertThat(codec.<byte[]>decoder(byte[].class).decode(json, contentType)).isSameAs(json);
        }
        assertThat(codec.<byte[]>decoder(byte[].class).decode(new byte[0], null)).isEmpty();
    }

    @Test
    void anyOtherTypeIsRefusedWhenTheDecoderOrEncoderIsCreated() {
        for (Type type : List.of(String.class, Object.class, Order.class, Byte[].class)) {
            assertThatThrownBy(() -> codec.decoder(type))
                    .isInstanceOf(TributaryException.class)
                    .satisfies(e -> assertThat(((TributaryException) e).code()).isEqualTo("TRB-COD002"))
                    .hasMessageContaining(type.getTypeName())
                    .hasMessageContaining("byte[]");
            assertThatThrownBy(() -> codec.encoder(type))
                    .isInstanceOf(TributaryException.class)
                    .satisfies(e -> assertThat(((TributaryException) e).code()).isEqualTo("TRB-COD002"));
        }
    }
}
