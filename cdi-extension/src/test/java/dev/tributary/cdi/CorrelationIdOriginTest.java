package dev.tributary.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.Channel;
import dev.tributary.Incoming;
import dev.tributary.Message;
import dev.tributary.Outgoing;
import dev.tributary.PublishOptions;
import dev.tributary.Publisher;
import dev.tributary.spi.Capability;
import dev.tributary.spi.Connector;
import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.ConnectorProvider;
import dev.tributary.spi.OutboundMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The runtime tells a connector whether a message's correlation id was made up for it alone
 * ({@link OutboundMessage#correlationIdGenerated()}), so a connector may leave such ids off the wire (Kafka's
 * default) while ids that link messages — given by the application, inherited from a consumed message — are kept.
 */
class CorrelationIdOriginTest {

    static final List<OutboundMessage> SENT = new CopyOnWriteArrayList<>();
    static final List<String> CONSUMED_IDS = new CopyOnWriteArrayList<>();

    /** A publish-only connector that records what it is given. */
    @ApplicationScoped
    public static class RecorderProvider implements ConnectorProvider {
        @Override
        public String type() {
            return "recorder";
        }

        @Override
        public Connector create(ConnectorContext context) {
            return new PublishOnlyConnector(context, "recorder", Set.of(Capability.HEADERS), m -> {
                SENT.add(m);
                return CompletableFuture.completedFuture(null);
            });
        }
    }

    @ApplicationScoped
    public static class Relay {
        @Incoming(value = "in", connector = "memory")
        @Outgoing(value = "out", connector = "recorder")
        public String relay(String body, Message<String> m) {
            CONSUMED_IDS.add(m.correlationId());
            return body;
        }
    }

    @Dependent
    public static class Clients {
        @Inject
        @Channel(value = "plain", connector = "recorder")
        Publisher<String> plain;

        @Inject
        @Channel(value = "in", connector = "memory")
        Publisher<String> in;
    }

    @Test
    void aMadeUpIdIsMarkedGeneratedAndAGivenOrInheritedOneIsNot() {
        SENT.clear();
        CONSUMED_IDS.clear();
        try (TestApp app = TestApp.start(RecorderProvider.class, Relay.class, Clients.class)) {
            Clients c = app.get(Clients.class);
            c.plain.publish("a").toCompletableFuture().join();
            c.plain.publish("b", PublishOptions.builder().header("h", "v").build()).toCompletableFuture().join();
            c.plain.publish("c", PublishOptions.builder().correlationId("given-c").build()).toCompletableFuture().join();
            c.in.publish("d", PublishOptions.builder().correlationId("chain-d").build()).toCompletableFuture().join();
            await().atMost(Duration.ofSeconds(5)).until(() -> SENT.size() == 4);

            assertThat(SENT.get(0).correlationId()).isNotBlank();
            assertThat(SENT.get(0).correlationIdGenerated()).as("plain publish").isTrue();
            assertThat(SENT.get(1).correlationIdGenerated()).as("options without an id").isTrue();
            assertThat(SENT.get(0).correlationId()).isNotEqualTo(SENT.get(1).correlationId());
            assertThat(SENT.get(2).correlationId()).isEqualTo("given-c");
            assertThat(SENT.get(2).correlationIdGenerated()).isFalse();
            assertThat(CONSUMED_IDS).containsExactly("chain-d");
            assertThat(SENT.get(3).correlationId()).as("the result keeps the consumed id").isEqualTo("chain-d");
            assertThat(SENT.get(3).correlationIdGenerated()).isFalse();
        }
    }
}
