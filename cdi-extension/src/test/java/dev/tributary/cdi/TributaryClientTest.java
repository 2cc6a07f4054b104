package dev.tributary.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.tributary.DynamicSubscription;
import dev.tributary.PublishOptions;
import dev.tributary.TributaryException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The plain-Java client (no CDI container) on the real memory connector. */
class TributaryClientTest {

    public record Order(String id, double total) {
    }

    public record Quote(String id, double price) {
    }

    @Test
    void publishSubscribeAndRequestWithoutCdi() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TributaryClient client = TributaryClient.connect("memory", Map.of())) {
            assertThat(TestApp.cdiAvailable()).isFalse();
            DynamicSubscription orders = client.subscribe("orders", Order.class,
                    m -> seen.add(m.body().id() + ":" + m.body().total() + ":" + m.headers().get("tenant")));
            client.subscribe("quotes", Order.class, m -> client.publish(new Quote(m.body().id(), m.body().total() * 2),
                    m.replyTo(), PublishOptions.builder().correlationId(m.correlationId()).build()));

            client.publish(new Order("o-1", 10.5), "orders", PublishOptions.builder().header("tenant", "acme").build())
                    .toCompletableFuture().join();
            client.channel("orders", Order.class).publishBatch(List.of(new Order("o-2", 1), new Order("o-3", 2)))
                    .toCompletableFuture().join();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3);
            assertThat(seen).containsExactly("o-1:10.5:acme", "o-2:1.0:null", "o-3:2.0:null");

            Quote q = client.request(new Order("o-4", 21), "quotes", Quote.class, Duration.ofSeconds(5))
                    .toCompletableFuture().join();
            assertThat(q).isEqualTo(new Quote("o-4", 42));
            assertThat(client.health()).containsKey("memory");
            assertThat(client.health().get("memory").up()).isTrue();

            orders.close();
            assertThat(orders.isActive()).isFalse();
        }
    }

    @Test
    void anUnknownConnectorTypeIsACodedError() {
        Throwable t = catchThrowable(() -> TributaryClient.connect("carrier-pigeon", Map.of()));
        assertThat(t).isInstanceOf(TributaryException.class).hasMessageContaining("carrier-pigeon");
        assertThat(((TributaryException) t).code()).startsWith("TRB-");
    }
}
