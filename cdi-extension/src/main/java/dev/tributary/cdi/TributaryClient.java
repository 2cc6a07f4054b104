package dev.tributary.cdi;

import dev.tributary.DynamicSubscription;
import dev.tributary.Message;
import dev.tributary.MessageHandler;
import dev.tributary.PublishOptions;
import dev.tributary.Publisher;
import dev.tributary.Publishers;
import dev.tributary.SubscribeOptions;
import dev.tributary.Subscriptions;
import dev.tributary.TributaryException;
import dev.tributary.spi.ConnectorConfig;
import dev.tributary.spi.Health;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Tributary without CDI: one or more connectors, publishing, request/reply and subscriptions from plain
 * Java code, with the same codecs, wire format and acknowledgement as handlers in a CDI deployment.
 *
 * <pre>{@code
 * try (TributaryClient kafka = TributaryClient.connect("kafka", Map.of("bootstrap.servers", "localhost:9092"))) {
 *     kafka.publish(new Order("o-1"), "orders").toCompletableFuture().join();
 *     DynamicSubscription s = kafka.subscribe("invoices", Invoice.class, m -> store(m.body()));
 * }
 * }</pre>
 *
 * <p>{@link #connect} finds the connector's provider on the class path (ServiceLoader), creates and starts
 * it, and fails with the connector's coded error when it cannot connect. Thread-safe. Publishing never
 * blocks; handlers of {@link #subscribe} run on the client's worker threads (virtual threads on JDK 21+),
 * never on a broker client's I/O thread. {@link #close()} stops subscriptions (draining in-flight handlers
 * up to {@code tributary.shutdown.timeout}, default 10 s) and closes the connectors.
 */
public final class TributaryClient implements Publishers, Subscriptions, AutoCloseable {
    private final TributaryRuntime runtime;

    private TributaryClient(TributaryRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Connects one connector of {@code type} ({@code "kafka"}, {@code "mqtt"}, {@code "memory"}, …), named
     * after its type, with its options (the keys of {@code tributary.connectors.<name>.*} without the prefix).
     */
    public static TributaryClient connect(String type, Map<String, String> options) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(RuntimeConfig.CONNECTORS + type + ".type", type);
        options.forEach((k, v) -> config.put(RuntimeConfig.CONNECTORS + type + "." + k, v));
        return connect(config);
    }

    /**
     * Connects with a whole Tributary configuration ({@code tributary.*} keys: several connectors, channel
     * remapping, {@code tributary.default-connector}, shutdown timeout, executor).
     */
    public static TributaryClient connect(Map<String, String> config) {
        RuntimeConfig cfg = new RuntimeConfig(config);
        Problems problems = new Problems();
        Duration shutdown = cfg.get("tributary.shutdown.timeout")
                .map(v -> ConnectorConfig.parseDuration("tributary.shutdown.timeout", v)).orElse(Duration.ofSeconds(10));
        WorkerPool pool = WorkerPool.create(cfg);
        Instances instances = new Instances(null);
        Codecs codecs = new Codecs(instances);
        ConnectorRegistry connectors = ConnectorRegistry.create(cfg, null, pool, problems);
        DeploymentPlanner planner = new DeploymentPlanner(cfg, connectors, codecs, instances, problems);
        planner.finish();
        TributaryRuntime runtime = new TributaryRuntime(cfg, pool, connectors, codecs, shutdown, null, planner);
        if (!problems.isEmpty()) {
            runtime.closeConnectors(Duration.ZERO);
            pool.close();
            Problems.Problem p = problems.all().get(0);
            throw new TributaryException(p.code(), problems.report());
        }
        try {
            runtime.start();
        } catch (RuntimeException e) {
            runtime.stop(); // closes the connectors and the pool
            throw e;
        }
        return new TributaryClient(runtime);
    }

    /** A publisher to {@code address} (a channel name, remappable by configuration) on the only or default connector. */
    @Override
    public <T> Publisher<T> channel(String address, Class<T> bodyType) {
        return channel(address, "", bodyType);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Publisher<T> channel(String address, String connector, Class<T> bodyType) {
        return (Publisher<T>) runtime.dynamicPublisher(address, connector, bodyType);
    }

    /** Publishes {@code body} to {@code address}; completes when the broker accepted it. */
    public CompletionStage<Void> publish(Object body, String address) {
        return publish(body, address, PublishOptions.none());
    }

    /** Publishes with headers, key, correlation id or connector options. */
    @SuppressWarnings("unchecked")
    public CompletionStage<Void> publish(Object body, String address, PublishOptions options) {
        Publisher<Object> p = publisherFor(address, body);
        return p.publish(body, options);
    }

    /** Sends a request to {@code address} and completes with the reply decoded to {@code replyType}. */
    @SuppressWarnings("unchecked")
    public <R> CompletionStage<R> request(Object body, String address, Class<R> replyType, Duration timeout) {
        Publisher<Object> p = publisherFor(address, body);
        return p.request(body, replyType, timeout);
    }

    /** As {@link #request(Object, String, Class, Duration)}, with options, returning the whole reply. */
    @SuppressWarnings("unchecked")
    public <R> CompletionStage<Message<R>> request(Object body, String address, PublishOptions options,
            Class<R> replyType, Duration timeout) {
        Publisher<Object> p = publisherFor(address, body);
        return p.request(body, options, replyType, timeout);
    }

    @Override
    public <T> DynamicSubscription subscribe(String address, Class<T> bodyType, MessageHandler<T> handler) {
        return subscribe(SubscribeOptions.builder(address).build(), bodyType, handler);
    }

    @Override
    public <T> DynamicSubscription subscribe(SubscribeOptions options, Class<T> bodyType, MessageHandler<T> handler) {
        return runtime.subscribe(options, bodyType, handler);
    }

    @SuppressWarnings("unchecked")
    private Publisher<Object> publisherFor(String address, Object body) {
        Class<?> type = body == null ? Object.class : body.getClass();
        return (Publisher<Object>) (Publisher<?>) runtime.dynamicPublisher(address, "", type);
    }

    /** Each connector's health, by name. */
    public Map<String, Health> health() {
        return runtime.health();
    }

    /** Drains and stops subscriptions, then closes the connectors and the client's threads. Idempotent. */
    @Override
    public void close() {
        runtime.stop();
    }
}
