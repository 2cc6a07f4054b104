package dev.tributary.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.Incoming;
import dev.tributary.cdi.TributaryExtension;
import dev.tributary.cdi.se.Tributary;
import dev.tributary.tck.brokers.Brokers;
import dev.tributary.tck.brokers.KafkaBroker;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The connector under the real runtime (Weld SE): decoding failures, metadata binding, ordering with many workers. */
@ExtendWith(Brokers.class)
class KafkaRuntimeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    public record Order(String id, int qty) {
    }

    @ApplicationScoped
    public static class Orders {
        final List<Order> seen = new CopyOnWriteArrayList<>();
        final List<KafkaMetadata> meta = new CopyOnWriteArrayList<>();

        @Incoming("orders")
        public void on(Order order, KafkaMetadata m) {
            seen.add(order);
            meta.add(m);
        }

        List<Order> seen() {
            return seen;
        }

        List<KafkaMetadata> meta() {
            return meta;
        }
    }

    @ApplicationScoped
    public static class Ledger {
        final Map<Integer, List<Long>> offsets = new ConcurrentHashMap<>();
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();
        final AtomicInteger handled = new AtomicInteger();

        @Incoming(value = "ledger", maxWorkers = 4)
        public void on(String entry, KafkaMetadata m) {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
            offsets.computeIfAbsent(m.partition(), p -> new CopyOnWriteArrayList<>()).add(m.offset());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // simulated work
            now.decrementAndGet();
            handled.incrementAndGet();
        }

        Map<Integer, List<Long>> offsets() {
            return offsets;
        }

        int max() {
            return max.get();
        }

        int handled() {
            return handled.get();
        }
    }

    private final List<String> properties = new ArrayList<>();
    private Tributary.Running app;

    private void config(String key, String value) {
        System.setProperty(key, value);
        properties.add(key);
    }

    private <T> T start(KafkaBroker broker, Class<T> bean) {
        KafkaTestKit.config(broker).forEach((k, v) -> {
            if (System.getProperty("tributary.connectors.kafka." + k) == null) {
                config("tributary.connectors.kafka." + k, v);
            }
        });
        config("tributary.shutdown.timeout", "2s");
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        app = Tributary.start(new Weld("kafka-runtime-" + System.nanoTime()).disableDiscovery()
                .addExtension(new TributaryExtension()).addBeanClass(bean));
        return app.select(bean);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        properties.forEach(System::clearProperty);
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }

    @Test
    void aMalformedPayloadIsDeadLetteredAndTheConsumerKeepsGoing(KafkaBroker broker) throws Exception {
        String topic = KafkaTestKit.topic(broker, "orders", 1);
        String dlq = KafkaTestKit.topic(broker, "orders-dlq", 1);
        config("tributary.channels.orders.address", topic);
        config("tributary.channels.orders.dead-letter", dlq);
        config("tributary.channels.orders.group", "g-" + topic);
        Orders orders = start(broker, Orders.class);

        try (KafkaProducer<byte[], byte[]> raw = KafkaTestKit.rawProducer(broker)) {
            ProducerRecord<byte[], byte[]> bad = new ProducerRecord<>(topic, "{\"id\": oops".getBytes(StandardCharsets.UTF_8));
            bad.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            raw.send(bad).get(10, TimeUnit.SECONDS);
            ProducerRecord<byte[], byte[]> good = new ProducerRecord<>(topic, "k1".getBytes(StandardCharsets.UTF_8),
                    "{\"id\":\"o-1\",\"qty\":3}".getBytes(StandardCharsets.UTF_8));
            good.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            raw.send(good).get(10, TimeUnit.SECONDS);
        }

        await().atMost(WAIT).until(() -> orders.seen().size() == 1);
        assertThat(orders.seen().get(0)).isEqualTo(new Order("o-1", 3));
        KafkaMetadata m = orders.meta().get(0);
        assertThat(m.topic()).isEqualTo(topic);
        assertThat(m.offset()).isEqualTo(1);
        assertThat(m.key()).isEqualTo("k1");

        List<ConsumerRecord<byte[], byte[]>> dead = KafkaTestKit.readAll(broker, dlq, 1);
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\": oops");
        assertThat(new String(dead.get(0).headers().lastHeader("dlq-offset").value(), StandardCharsets.UTF_8))
                .isEqualTo("0");
        await().atMost(WAIT).until(() -> KafkaTestKit.committed(broker, "g-" + topic, topic) == 2);
    }

    @Test
    void manyWorkersKeepOffsetOrderPerPartition(KafkaBroker broker) {
        String topic = KafkaTestKit.topic(broker, "ledger", 4);
        config("tributary.channels.ledger.address", topic);
        Ledger ledger = start(broker, Ledger.class);
        KafkaConnector producer = new KafkaTestKit("p", KafkaTestKit.config(broker)).connector();
        try {
            int n = 400;
            List<java.util.concurrent.CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                sent.add(producer.sender(null).send(KafkaTestKit.message(topic, "e" + i, "key-" + i, Map.of()))
                        .toCompletableFuture());
            }
            java.util.concurrent.CompletableFuture.allOf(sent.toArray(new java.util.concurrent.CompletableFuture<?>[0]))
                    .join();

            await().atMost(WAIT).until(() -> ledger.handled() == n);
        } finally {
            producer.close(Duration.ofSeconds(2));
        }
        assertThat(ledger.offsets().keySet()).hasSizeGreaterThan(1);
        ledger.offsets().forEach((partition, offsets) -> assertThat(offsets).as("partition %d", partition).isSorted()
                .doesNotHaveDuplicates());
        assertThat(ledger.max()).as("partitions handled in parallel").isGreaterThan(1);
    }

    @Test
    void aGracefulShutdownCommitsEverythingProcessed(KafkaBroker broker) throws Exception {
        String topic = KafkaTestKit.topic(broker, "shutdown", 1);
        config("tributary.channels.ledger.address", topic);
        config("tributary.channels.ledger.group", "g-" + topic);
        config("tributary.connectors.kafka.commit.interval", "1h"); // only the stop can commit
        Ledger ledger = start(broker, Ledger.class);
        KafkaConnector producer = new KafkaTestKit("p", KafkaTestKit.config(broker)).connector();
        try {
            for (int i = 0; i < 50; i++) {
                KafkaTestKit.send(producer, KafkaTestKit.text(topic, "e" + i));
            }
        } finally {
            producer.close(Duration.ofSeconds(2));
        }
        await().atMost(WAIT).until(() -> ledger.handled() == 50);
        assertThat(KafkaTestKit.committed(broker, "g-" + topic, topic)).as("nothing committed before the stop").isEqualTo(-1);

        app.close();

        assertThat(KafkaTestKit.committed(broker, "g-" + topic, topic)).isEqualTo(50);
    }
}
