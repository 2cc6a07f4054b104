package dev.tributary.memory;

import dev.tributary.AckPolicy;
import dev.tributary.spi.AddressTemplate;
import dev.tributary.spi.ConnectorConfig;
import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.OutboundMessage;
import dev.tributary.spi.SubscriptionSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A {@link ConnectorContext} as the runtime would give it, plus small builders for the tests. */
final class TestContext implements ConnectorContext, AutoCloseable {

    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final ConnectorConfig config;

    TestContext(String name, Map<String, String> config) {
        this.config = new ConnectorConfig(name, config);
    }

    static MemoryConnector connector(String... keyValues) {
        Map<String, String> cfg = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            cfg.put(keyValues[i], keyValues[i + 1]);
        }
        TestContext ctx = new TestContext("memory", cfg);
        MemoryConnector c = (MemoryConnector) new MemoryConnectorProvider().create(ctx);
        c.start().toCompletableFuture().join();
        return c;
    }

    static SubscriptionSpec spec(MemoryConnector c, String address, String... options) {
        return spec(c, address, AckPolicy.ACK, options);
    }

    static SubscriptionSpec spec(MemoryConnector c, String address, AckPolicy policy, String... options) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            o.put(options[i], options[i + 1]);
        }
        return new SubscriptionSpec(address, AddressTemplate.parse(address, c.addressSyntax()), policy, 1, 256, o,
                List.of());
    }

    static OutboundMessage message(String address, String body) {
        return new OutboundMessage(address, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain",
                UUID.randomUUID().toString(), null, null, null, Map.of(), Map.of());
    }

    static void send(MemoryConnector c, String address, String body) {
        c.sender(null).send(message(address, body)).toCompletableFuture().join();
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
        return Runnable::run;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
