package dev.tributary.cdi.codec;

import dev.tributary.Codec;
import dev.tributary.EncodedBody;
import dev.tributary.TributaryException;
import jakarta.json.bind.Jsonb;
import java.nio.charset.StandardCharsets;

/**
 * Values that are neither bytes nor text: compact JSON (JSON-B, runtime type of the value),
 * {@code application/json}; {@code null} → empty body. A value JSON-B cannot serialize is a
 * {@link TributaryException} {@code TRB-COD003}.
 */
final class JsonEncoder implements Codec.Encoder {
    private final Jsonb jsonb;

    JsonEncoder(Jsonb jsonb) {
        this.jsonb = jsonb;
    }

    @Override
    public EncodedBody encode(Object value) {
        return value == null ? BytesEncoder.none() : json(value);
    }

    EncodedBody json(Object value) {
        String json;
        try {
            json = jsonb.toJson(value);
        } catch (RuntimeException e) {
            throw new TributaryException("TRB-COD003", "cannot encode a value of " + value.getClass().getName()
                    + " as JSON: " + DecodeFailures.reasonOf(e), e);
        }
        return new EncodedBody(json.getBytes(StandardCharsets.UTF_8), EncodedBody.APPLICATION_JSON);
    }
}
