package dev.tributary.tck;

import dev.tributary.memory.MemoryConnector;
import dev.tributary.memory.MemoryConfig;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The TCK provider of the in-memory connector: the "broker" is a shared in-process broker named for this
 * provider; stopping it is a simulated outage ({@link MemoryConnector#simulateOutage}); a durable
 * subscription is a consumer group.
 */
class MemoryTckProvider implements TckProvider {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private final String broker = "tck-" + UUID.randomUUID();

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String connectorType() {
        return "memory";
    }

    @Override
    public void startBroker() {
        MemoryConnector.endOutage(broker);
    }

    @Override
    public void stopBroker() {
        MemoryConnector.simulateOutage(broker);
    }

    @Override
    public Map<String, String> connectorConfig() {
        return Map.of(MemoryConfig.BROKER, broker, MemoryConfig.SYNTAX, "nats", MemoryConfig.TEST_MODE, "false",
                MemoryConfig.REDELIVERY, "true", MemoryConfig.REQUEST_TIMEOUT, "5s");
    }

    @Override
    public String uniqueAddress(String hint) {
        return "tck-" + hint + "-" + SEQUENCE.incrementAndGet();
    }

    @Override
    public Map<String, String> durableSubscriptionOptions(String name) {
        return Map.of(MemoryConfig.GROUP, name);
    }

    @Override
    public Duration publishTimeout() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Duration patience() {
        return Duration.ofSeconds(5);
    }
}
