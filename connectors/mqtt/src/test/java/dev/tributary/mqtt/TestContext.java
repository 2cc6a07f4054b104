package dev.tributary.mqtt;

import dev.tributary.AckPolicy;
import dev.tributary.spi.AddressSyntax;
import dev.tributary.spi.AddressTemplate;
import dev.tributary.spi.ConnectorConfig;
import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.OutboundMessage;
import dev.tributary.spi.SubscriptionSpec;
import dev.tributary.tck.brokers.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ConnectorContext} as the runtime would give it, plus builders for the tests. Closing it closes every
 * connector it made (so a failing test leaves no client behind).
 */
final class TestContext implements ConnectorContext, AutoCloseable {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final List<MqttConnector> made = new ArrayList<>();
    private ConnectorConfig config = new ConnectorConfig("mqtt", Map.of());

    /** A started connector to this broker; {@code keyValues} are extra settings. */
    MqttConnector connector(MosquittoBroker broker, String version, String... keyValues) {
        MqttConnector c = create(broker, version, keyValues);
        c.start().toCompletableFuture().join();
        return c;
    }

    /** An unstarted connector. */
    MqttConnector create(MosquittoBroker broker, String version, String... keyValues) {
        Map<String, String> cfg = new HashMap<>();
        cfg.put(MqttConfig.HOST, broker.host());
        cfg.put(MqttConfig.PORT, String.valueOf(broker.port()));
        cfg.put(MqttConfig.VERSION, version);
        cfg.put(MqttConfig.PUBLISH_TIMEOUT, "3s");
        cfg.put(MqttConfig.CONNECT_TIMEOUT, "3s");
        cfg.put(MqttConfig.RECONNECT_INITIAL_DELAY, "100ms");
        cfg.put(MqttConfig.RECONNECT_MAX_DELAY, "500ms");
        for (int i = 0; i < keyValues.length; i += 2) {
            cfg.put(keyValues[i], keyValues[i + 1]);
        }
        config = new ConnectorConfig("mqtt", cfg);
        MqttConnector c = (MqttConnector) new MqttConnectorProvider().create(this);
        made.add(c);
        return c;
    }

    static String topic(String hint) {
        return "test/" + hint + "/" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    static SubscriptionSpec spec(String address, AckPolicy policy, String... options) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            o.put(options[i], options[i + 1]);
        }
        return new SubscriptionSpec(address, AddressTemplate.parse(address, AddressSyntax.MQTT), policy, 1, 256, o,
                List.of());
    }

    static OutboundMessage text(String topic, String body) {
        return new OutboundMessage(topic, body.getBytes(StandardCharsets.UTF_8), "text/plain",
                UUID.randomUUID().toString(), null, null, null, Map.of(), Map.of());
    }

    static OutboundMessage withHeaders(String topic, String body, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return new OutboundMessage(topic, body.getBytes(StandardCharsets.UTF_8), "text/plain",
                UUID.randomUUID().toString(), null, null, null, h, Map.of());
    }

    static OutboundMessage withOptions(String topic, String body, Map<String, Object> options) {
        return new OutboundMessage(topic, body.getBytes(StandardCharsets.UTF_8), null, UUID.randomUUID().toString(),
                null, null, null, Map.of(), options);
    }

    static void send(MqttConnector c, OutboundMessage m) {
        c.sender(null).send(m).toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
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
        for (MqttConnector c : made) {
            c.close(Duration.ofSeconds(1)).toCompletableFuture().join();
        }
        scheduler.shutdownNow();
    }
}
