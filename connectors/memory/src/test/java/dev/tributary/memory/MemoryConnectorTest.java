package dev.tributary.memory;

import static dev.tributary.memory.TestContext.connector;
import static dev.tributary.memory.TestContext.message;
import static dev.tributary.memory.TestContext.send;
import static dev.tributary.memory.TestContext.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.TributaryException;
import dev.tributary.spi.AddressSyntax;
import dev.tributary.spi.Capability;
import dev.tributary.spi.ConnectorConfig;
import dev.tributary.spi.ConnectorProvider;
import dev.tributary.spi.InboundMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Lifecycle, configuration, discovery and the test-support hooks. */
class MemoryConnectorTest {

    @Test
    void theProviderIsFoundThroughServiceLoader() {
        assertThat(ServiceLoader.load(ConnectorProvider.class).stream().map(p -> p.get().type()))
                .contains("memory");
    }

    @Test
    void capabilitiesAndSyntax() {
        MemoryConnector c = connector("syntax", "mqtt");
        assertThat(c.capabilities()).containsExactlyInAnyOrder(Capability.HEADERS, Capability.NACK_REDELIVERY,
                Capability.REDELIVERY_AFTER_RESTART, Capability.REQUEST_REPLY, Capability.WILDCARDS,
                Capability.PATH_TEMPLATES, Capability.ORDERING_KEY, Capability.PAUSE);
        assertThat(c.addressSyntax()).isEqualTo(AddressSyntax.MQTT);
        assertThat(c.type()).isEqualTo("memory");
        assertThat(c.name()).isEqualTo("memory");
    }

    @Test
    void healthFollowsTheLifecycleAndCloseIsIdempotent() {
        TestContext ctx = new TestContext("embedded", Map.of());
        MemoryConnector c = (MemoryConnector) new MemoryConnectorProvider().create(ctx);
        assertThat(c.health().up()).isFalse();
        assertThat(MemoryConnector.running()).doesNotContain(c);

        c.start().toCompletableFuture().join();
        assertThat(c.health().up()).isTrue();
        assertThat(MemoryConnector.running()).contains(c);

        c.close(Duration.ofSeconds(1)).toCompletableFuture().join();
        c.close(Duration.ofSeconds(1)).toCompletableFuture().join();
        assertThat(c.health().up()).isFalse();
        assertThat(c.health().detail()).contains("closed");
        assertThat(MemoryConnector.running()).doesNotContain(c);
        CompletableFuture<Void> send = c.sender(null).send(message("a", "x")).toCompletableFuture();
        assertThatThrownBy(send::join).hasMessageContaining("TRB-MEM002");
        assertThatThrownBy(() -> c.subscribe(spec(c, "a"), new RecordingSink())).hasMessageContaining("TRB-MEM002");
        ctx.close();
    }

    @Test
    void closeStopsSubscriptions() {
        MemoryConnector c = connector("broker", "shared-close-test");
        RecordingSink sink = RecordingSink.acking();
        c.subscribe(spec(c, "a"), sink);
        c.close(Duration.ZERO);

        MemoryConnector other = connector("broker", "shared-close-test");
        send(other, "a", "x");

        assertThat(sink.size()).isZero();
    }

    @Test
    void connectorsNamingOneBrokerShareIt() {
        MemoryConnector producer = connector("broker", "shared-test", "syntax", "mqtt");
        MemoryConnector consumer = connector("broker", "shared-test", "syntax", "mqtt");
        RecordingSink sink = RecordingSink.acking();
        consumer.subscribe(spec(consumer, "a/+"), sink);

        send(producer, "a/b", "x");

        assertThat(sink.bodies()).containsExactly("x");
        assertThatThrownBy(() -> connector("broker", "shared-test", "syntax", "nats"))
                .hasMessageContaining("TRB-MEM004");
    }

    @Test
    void privateBrokersDoNotShare() {
        MemoryConnector a = connector();
        MemoryConnector b = connector();
        RecordingSink sink = RecordingSink.acking();
        b.subscribe(spec(b, "a"), sink);

        send(a, "a", "x");

        assertThat(sink.size()).isZero();
    }

    @Test
    void configurationDefaultsAndErrors() {
        MemoryConfig d = MemoryConfig.from(new ConnectorConfig("m", Map.of()));
        assertThat(d.syntax()).isEqualTo(AddressSyntax.NATS);
        assertThat(d.group()).isNull();
        assertThat(d.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.redelivery()).isTrue();
        assertThat(d.maxRedeliveries()).isEqualTo(-1);
        assertThat(d.deadLetter()).isNull();
        assertThat(d.testMode()).isFalse();

        MemoryConfig set = MemoryConfig.from(new ConnectorConfig("m", Map.of("syntax", "rabbitmq", "group", "app",
                "request.timeout", "2s", "test-mode", "true")));
        assertThat(set.syntax()).isEqualTo(AddressSyntax.AMQP);
        assertThat(set.group()).isEqualTo("app");
        assertThat(set.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(set.redelivery()).as("test mode turns redelivery off").isFalse();

        assertThat(MemoryConfig.from(new ConnectorConfig("m", Map.of("syntax", "memory"))).syntax())
                .isEqualTo(AddressSyntax.NATS);
        assertThatThrownBy(() -> MemoryConfig.from(new ConnectorConfig("m", Map.of("syntax", "carrier-pigeon"))))
                .isInstanceOf(TributaryException.class).hasMessageContaining("TRB-MEM006")
                .hasMessageContaining("tributary.connectors.m.syntax");
        assertThat(MemoryConfig.from(new ConnectorConfig("m", Map.of("syntax", "carrier-pigeon", "test-mode", "true")))
                .syntax()).isEqualTo(AddressSyntax.NATS);
        assertThatThrownBy(() -> MemoryConfig.from(new ConnectorConfig("m", Map.of("redelivery", "maybe"))))
                .hasMessageContaining("TRB-CFG001");
    }

    @Test
    void theReadmeDocumentsEveryKey() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (String key : MemoryConfig.KEYS) {
            assertThat(readme).as("README row for " + key).contains("| `" + key + "` |");
        }
    }

    @Test
    void testModeWaitsUntilEveryDeliveryIsSettledAndInvoked() throws Exception {
        MemoryConnector c = connector("test-mode", "true");
        java.util.List<InboundMessage> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        c.subscribe(spec(c, "a"), new RecordingSink(held::add));
        Thread worker = new Thread(() -> {
            while (held.isEmpty()) {
                Thread.onSpinWait();
            }
            MemoryConnector.invocationFinished(held.get(0));
            held.get(0).ack();
        });
        worker.start();

        c.publishAndAwait(message("a", "x"), Duration.ofSeconds(10));

        assertThat(held.get(0).ack().toCompletableFuture()).isCompleted();
        assertThat(c.broker().awaitIdle(0)).isEmpty();
        worker.join(5_000);
    }

    @Test
    void testModeReportsHandlersThatNeverFinish() {
        MemoryConnector c = connector("test-mode", "true");
        c.subscribe(spec(c, "a"), new RecordingSink()); // never settles

        assertThatThrownBy(() -> c.publishAndAwait(message("a", "x"), Duration.ofMillis(100)))
                .hasMessageContaining("TRB-MEM007").hasMessageContaining("'a' unsettled");
    }

    @Test
    void testModeNackDoesNotRedeliver() {
        MemoryConnector c = connector("test-mode", "true");
        RecordingSink sink = new RecordingSink(m -> {
            MemoryConnector.invocationFinished(m);
            m.nack();
        });
        c.subscribe(spec(c, "a"), sink);

        c.publishAndAwait(message("a", "x"), Duration.ofSeconds(5));

        assertThat(sink.size()).isEqualTo(1);
    }

    @Test
    void routesTellsWhetherAnyoneListens() {
        MemoryConnector c = connector("syntax", "mqtt");
        c.subscribe(spec(c, "a/+"), RecordingSink.acking());

        assertThat(c.routes("a/b")).isTrue();
        assertThat(c.routes("b/a")).isFalse();
    }
}
