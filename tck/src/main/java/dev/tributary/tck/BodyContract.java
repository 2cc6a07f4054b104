package dev.tributary.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Contract area 1: bodies survive the trip through the connector, with the content types of WIRE-FORMAT.md
 * ({@code null} → empty and no type; bytes → unchanged and no type; text → UTF-8 {@code text/plain}; anything
 * else → compact JSON {@code application/json}), and decode back to the handler's type. Needs no capability.
 */
public abstract class BodyContract extends TckContract {

    /** A JSON body (public for JSON-B). */
    public record Order(String id, int quantity, List<String> tags) {
    }

    private <T> Message<T> roundTrip(Class<T> publishedAs, T body, Class<?> receivedAs) {
        TckApp app = app();
        String a = address("body");
        Inbox<Object> inbox = new Inbox<>();
        @SuppressWarnings("unchecked")
        Class<Object> type = (Class<Object>) receivedAs;
        app.subscriptions().subscribe(a, type, inbox);
        complete(app.publishers().channel(a, publishedAs).publish(body));
        await("the message to arrive").until(() -> inbox.size() == 1);
        @SuppressWarnings("unchecked")
        Message<T> m = (Message<T>) (Message<?>) inbox.get(0);
        return m;
    }

    private static boolean noContentType(String contentType) {
        return contentType == null || contentType.isEmpty();
    }

    @Test
    void nullBodyArrivesEmptyWithoutContentType() {
        Message<String> m = roundTrip(String.class, null, String.class);

        assertThat(m.body()).isNull();
        assertThat(m.rawBody()).isEmpty();
        assertThat(noContentType(m.contentType())).as("content type %s", m.contentType()).isTrue();
    }

    @Test
    void bytesArriveUnchangedWithoutContentType() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        Message<byte[]> m = roundTrip(byte[].class, all, byte[].class);

        assertThat(m.body()).isEqualTo(all);
        assertThat(noContentType(m.contentType())).as("content type %s", m.contentType()).isTrue();
    }

    @Test
    void textArrivesAsUtf8TextPlain() {
        String text = "grüße, 世界 ✓ \"not json\"";
        Message<String> m = roundTrip(String.class, text, String.class);

        assertThat(m.body()).isEqualTo(text);
        assertThat(m.rawBody()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(m.contentType()).startsWith("text/plain");
    }

    @Test
    void jsonObjectRoundTrips() {
        Order order = new Order("o-1", 3, List.of("red", "ünïcode"));
        Message<Order> m = roundTrip(Order.class, order, Order.class);

        assertThat(m.body()).isEqualTo(order);
        assertThat(m.contentType()).startsWith("application/json");
        assertThat(new String(m.rawBody(), StandardCharsets.UTF_8)).startsWith("{").doesNotContain("\n");
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void jsonListRoundTrips() {
        List<Order> orders = List.of(new Order("a", 1, List.of()), new Order("b", 2, List.of("x")));
        Message m = roundTrip((Class) List.class, orders, Order[].class);

        assertThat((Order[]) m.body()).containsExactlyElementsOf(orders);
        assertThat(m.contentType()).startsWith("application/json");
        assertThat(new String(m.rawBody(), StandardCharsets.UTF_8)).startsWith("[");
    }

    @Test
    void largeBodyOfOneMebibyteArrivesIntact() {
        byte[] big = new byte[1024 * 1024];
        new Random(42).nextBytes(big);
        Message<byte[]> m = roundTrip(byte[].class, big, byte[].class);

        assertThat(m.body()).hasSize(big.length).isEqualTo(big);
    }

    @Test
    void jsonWithoutContentTypeIsDecoded() {
        TckApp app = app();
        String a = address("untyped-json");
        Inbox<Order> inbox = new Inbox<>();
        app.subscriptions().subscribe(a, Order.class, inbox);

        complete(app.sendRaw(a, "{\"id\":\"u-1\",\"quantity\":7,\"tags\":[]}".getBytes(StandardCharsets.UTF_8), null,
                Map.of()));

        await("the message to arrive").until(() -> inbox.size() == 1);
        assertThat(inbox.get(0).body()).isEqualTo(new Order("u-1", 7, List.of()));
    }

    @Test
    void anyOtherContentTypeIsCarriedAndTheBytesLeftUntouched() {
        TckApp app = app();
        String a = address("custom-type");
        Inbox<byte[]> inbox = new Inbox<>();
        app.subscriptions().subscribe(a, byte[].class, inbox);
        byte[] body = {'{', 0, (byte) 0xff};

        complete(app.sendRaw(a, body, "application/vnd.tck.custom", Map.of()));

        await("the message to arrive").until(() -> inbox.size() == 1);
        assertThat(inbox.get(0).body()).isEqualTo(body);
        assertThat(inbox.get(0).contentType()).isEqualTo("application/vnd.tck.custom");
    }
}
