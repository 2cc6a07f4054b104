package dev.tributary.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tributary.AckPolicy;
import dev.tributary.DynamicSubscription;
import dev.tributary.Publisher;
import dev.tributary.Publishers;
import dev.tributary.SubscribeOptions;
import dev.tributary.Subscriptions;
import dev.tributary.TributaryException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DynamicSubscriptionTest {

    public record Reading(String sensor, double value) {
    }

    @Test
    void subscribeReceiveAndUnsubscribe() {
        List<String> got = new CopyOnWriteArrayList<>();
        try (LogCapture log = new LogCapture(); TestApp app = TestApp.start()) {
            Subscriptions subs = app.get(Subscriptions.class);
            DynamicSubscription s = subs.subscribe(SubscribeOptions.builder("sensors.*").ackPolicy(AckPolicy.ACK).build(),
                    Reading.class, m -> got.add(m.address() + "=" + m.body().value()));
            assertThat(s.isActive()).isTrue();
            app.sendJson("sensors.a", "{\"sensor\":\"a\",\"value\":1.5}");
            app.sendJson("sensors.b", "{\"broken");
            app.sendJson("sensors.b", "{\"sensor\":\"b\",\"value\":2.5}");
            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 2);
            assertThat(got).containsExactly("sensors.a=1.5", "sensors.b=2.5");
            assertThat(log.contains("TRB-RUN020")).isTrue();
            s.close();
            assertThat(s.isActive()).isFalse();
            assertThat(app.runtime().running()).isEmpty();
            app.sendJson("sensors.c", "{\"sensor\":\"c\",\"value\":3}");
            // a second subscription sees the later message, the closed one does not
            List<String> second = new CopyOnWriteArrayList<>();
            DynamicSubscription s2 = subs.subscribe("sensors.c", String.class, m -> second.add(m.body()));
            app.sendText("sensors.c", "late");
            await().atMost(Duration.ofSeconds(5)).until(() -> second.contains("late"));
            assertThat(got).hasSize(2);
            s2.close();
        }
    }

    @Test
    void invalidTemplateOrConnectorFailsWithCode() {
        try (TestApp app = TestApp.start()) {
            Subscriptions subs = app.get(Subscriptions.class);
            assertThatThrownBy(() -> subs.subscribe("a.{x}.{x}", String.class, m -> { }))
                    .isInstanceOf(TributaryException.class).hasMessageContaining("TRB-ADR002");
            assertThatThrownBy(() -> subs.subscribe(SubscribeOptions.builder("a").connector("nope").build(), String.class,
                    m -> { })).isInstanceOf(TributaryException.class).hasMessageContaining("TRB-CDI001");
        }
    }

    @Test
    void publishersMadeAtRuntimeReachSubscriptionsAndAreCached() throws Exception {
        List<Reading> got = new CopyOnWriteArrayList<>();
        try (TestApp app = TestApp.start(java.util.Map.of("tributary.channels.temps.address", "sensors.temp"))) {
            Subscriptions subs = app.get(Subscriptions.class);
            Publishers publishers = app.get(Publishers.class);
            subs.subscribe("sensors.temp", Reading.class, m -> got.add(m.body()));
            Publisher<Reading> temps = publishers.channel("temps", Reading.class);
            assertThat(temps.address()).isEqualTo("sensors.temp"); // remapped by configuration
            assertThat(publishers.channel("temps", Reading.class)).isSameAs(temps);
            temps.publish(new Reading("t1", 21.5)).toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
            assertThat(got).containsExactly(new Reading("t1", 21.5));

            assertThatThrownBy(() -> publishers.channel("sensors.*", String.class))
                    .isInstanceOf(TributaryException.class).hasMessageContaining("TRB-RUN008");
            assertThatThrownBy(() -> publishers.channel("x", "nope", String.class))
                    .isInstanceOf(TributaryException.class).hasMessageContaining("TRB-CDI001");
        }
    }
}
