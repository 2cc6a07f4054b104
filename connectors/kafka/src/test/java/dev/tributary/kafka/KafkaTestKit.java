package dev.tributary.kafka;

import dev.tributary.AckPolicy;
import dev.tributary.spi.AddressSyntax;
import dev.tributary.spi.AddressTemplate;
import dev.tributary.spi.ConnectorConfig;
import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.InboundSink;
import dev.tributary.spi.OutboundMessage;
import dev.tributary.spi.SubscriptionSpec;
import dev.tributary.tck.brokers.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Test helpers: a runtime-like {@link ConnectorContext}, connectors on the shared in-JVM broker, raw clients. */
final class KafkaTestKit implements ConnectorContext, AutoCloseable {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-scheduler");
        t.setDaemon(true);
        return t;
    });
    /** Like the runtime's: real threads (a connector may hand work to it that must not run inline). */
    final java.util.concurrent.ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-executor");
        t.setDaemon(true);
        return t;
    });
    private final ConnectorConfig config;
    private final List<KafkaConnector> connectors = new ArrayList<>();

    KafkaTestKit(String name, Map<String, String> config) {
        this.config = new ConnectorConfig(name, config);
    }

    /** Short timeouts for tests, on the given broker. */
    static Map<String, String> config(KafkaBroker broker, String... keyValues) {
        Map<String, String> cfg = new HashMap<>();
        cfg.put(KafkaConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        cfg.put(KafkaConfig.PUBLISH_TIMEOUT, "5s");
        cfg.put(KafkaConfig.COMMIT_INTERVAL, "100ms");
        cfg.put(KafkaConfig.HEALTH_INTERVAL, "500ms");
        cfg.put(KafkaConfig.CONNECT_TIMEOUT, "10s");
        cfg.put(KafkaConfig.REQUEST_TIMEOUT, "5s");
        cfg.put("consumer.session.timeout.ms", "6000");
        cfg.put("consumer.heartbeat.interval.ms", "500");
        for (int i = 0; i < keyValues.length; i += 2) {
            cfg.put(keyValues[i], keyValues[i + 1]);
        }
        return cfg;
    }

    static KafkaTestKit on(KafkaBroker broker, String... keyValues) {
        return new KafkaTestKit("kafka", config(broker, keyValues));
    }

    KafkaConnector connector() {
        KafkaConnector c = (KafkaConnector) new KafkaConnectorProvider().create(this);
        c.start().toCompletableFuture().join();
        connectors.add(c);
        return c;
    }

    static String topic(KafkaBroker broker, String hint, int partitions) {
        String t = "t-" + hint + "-" + SEQUENCE.incrementAndGet();
        broker.createTopic(t, partitions);
        return t;
    }

    static SubscriptionSpec spec(String address, AckPolicy policy, String... options) {
        return spec(address, policy, 256, options);
    }

    static SubscriptionSpec spec(String address, AckPolicy policy, int maxInFlight, String... options) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            o.put(options[i], options[i + 1]);
        }
        return new SubscriptionSpec(address, AddressTemplate.parse(address, AddressSyntax.KAFKA), policy, 1,
                maxInFlight, o, List.of());
    }

    static OutboundMessage text(String topic, String body) {
        return message(topic, body, null, Map.of());
    }

    static OutboundMessage message(String topic, String body, String key, Map<String, String> headers) {
        return new OutboundMessage(topic, body.getBytes(StandardCharsets.UTF_8), "text/plain",
                UUID.randomUUID().toString(), null, null, key, headers, Map.of());
    }

    static void send(KafkaConnector c, OutboundMessage m) {
        c.sender(null).send(m).toCompletableFuture().join();
    }

    static String body(InboundMessage m) {
        return new String(m.body(), StandardCharsets.UTF_8);
    }

    static KafkaProducer<byte[], byte[]> rawProducer(KafkaBroker broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    static KafkaConsumer<byte[], byte[]> rawConsumer(KafkaBroker broker, String topic) {
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TopicPartition tp = new TopicPartition(topic, 0);
        c.assign(List.of(tp));
        c.seekToBeginning(List.of(tp));
        return c;
    }

    /** Reads every record of partition 0 until {@code n} arrived or 10 s passed. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaBroker broker, String topic, int n) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = rawConsumer(broker, topic)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (out.size() < n && System.nanoTime() - deadline < 0) {
                c.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    /** The offset a group committed for partition 0 of a topic, or -1. */
    static long committed(KafkaBroker broker, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata o = m.get(new TopicPartition(topic, 0));
            return o == null ? -1 : o.offset();
        }
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public ConnectorConfig config() {
        return config;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public void close() {
        for (KafkaConnector c : connectors) {
            c.close(Duration.ofSeconds(2)).toCompletableFuture().join();
        }
        scheduler.shutdownNow();
        executor.shutdownNow();
    }

    /** A sink that records messages and runs an optional action on the poll thread (must not block). */
    static final class Recorder implements InboundSink {
        final List<InboundMessage> messages = new CopyOnWriteArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        private final Consumer<InboundMessage> action;

        Recorder() {
            this(m -> { });
        }

        Recorder(Consumer<InboundMessage> action) {
            this.action = action;
        }

        @Override
        public void onMessage(InboundMessage message) {
            messages.add(message);
            action.accept(message);
        }

        @Override
        public void onFailure(Throwable failure) {
            failures.add(failure);
        }

        List<String> bodies() {
            List<String> out = new ArrayList<>();
            for (InboundMessage m : messages) {
                out.add(body(m));
            }
            return out;
        }

        long count(String body) {
            return bodies().stream().filter(body::equals).count();
        }
    }
}
