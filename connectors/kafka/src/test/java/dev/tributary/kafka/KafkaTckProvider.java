package dev.tributary.kafka;

import dev.tributary.tck.TckProvider;
import dev.tributary.tck.brokers.Brokers;
import dev.tributary.tck.brokers.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The TCK provider of the Kafka connector: the in-JVM KRaft broker shared by the test JVM ({@link Brokers}),
 * stopped and started for outage tests; every address is a topic created up front (the broker does not
 * auto-create topics); a durable subscription is a consumer group. Short timeouts so that outages show quickly.
 */
final class KafkaTckProvider implements TckProvider {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final int MAX_RECORD = 2 * 1024 * 1024;
    private static volatile KafkaBroker broker;

    /** Hands the shared broker to the provider before the TCK starts it (register on the test class). */
    static final class SharedBroker implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            broker = Brokers.shared(context, KafkaBroker.class);
        }
    }

    private static KafkaBroker broker() {
        KafkaBroker b = broker;
        if (b == null) {
            throw new IllegalStateException("register KafkaTckProvider.SharedBroker on the test class");
        }
        return b;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String connectorType() {
        return KafkaConnectorProvider.TYPE;
    }

    @Override
    public void startBroker() {
        broker().start();
    }

    @Override
    public void stopBroker() {
        broker().stop();
    }

    @Override
    public Map<String, String> connectorConfig() {
        return KafkaTestKit.config(broker(), KafkaConfig.PUBLISH_TIMEOUT, "3s", KafkaConfig.ORDERING,
                KafkaConfig.ORDER_BY_KEY, "producer.max.request.size", Integer.toString(MAX_RECORD));
    }

    @Override
    public String uniqueAddress(String hint) {
        String topic = "tck-" + hint + "-" + SEQUENCE.incrementAndGet();
        createTopic(topic);
        return topic;
    }

    @Override
    public void prepareAddress(String address) {
        createTopic(address);
    }

    /** One partition; records up to {@value #MAX_RECORD} bytes (the TCK sends a 1 MiB body; Kafka's default is ~1 MB). */
    private static void createTopic(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", Integer.toString(MAX_RECORD))))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic + ": " + e, e);
        }
        broker().createTopic(topic, 1); // exists now: waits until its partition answers listOffsets
    }

    @Override
    public Map<String, String> durableSubscriptionOptions(String name) {
        return Map.of("group", name);
    }

    @Override
    public Duration publishTimeout() {
        return Duration.ofSeconds(3);
    }

    @Override
    public Duration patience() {
        return Duration.ofSeconds(15);
    }
}
