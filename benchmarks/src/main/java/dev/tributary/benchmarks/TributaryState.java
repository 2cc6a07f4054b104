package dev.tributary.benchmarks;

import java.util.concurrent.CompletionStage;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.tributary.Publisher;
import dev.tributary.cdi.TributaryExtension;
import dev.tributary.memory.MemoryConnectorProvider;

/**
 * Tributary in its own Weld SE container: discovery off, exactly the Tributary extension, the in-memory
 * connector's provider and the benchmark beans (no SmallRye class present). One setting: the benchmark jar also holds
 * the Kafka and MQTT connectors (found by the service loader), so {@code tributary.connectors.memory.type=memory}
 * declares the only connector to create; the channel names are the addresses.
 */
@State(Scope.Benchmark)
public class TributaryState {

    static final String JSON_CHANNEL = "bench-json";
    static final String RAW_CHANNEL = "bench-raw";

    private WeldContainer container;
    private Publisher<byte[]> json;
    private Publisher<byte[]> raw;
    private Progress progress;
    /** The last publish's stage, for the diagnosis when messages go missing; racy on purpose. */
    private CompletionStage<Void> lastPublish;

    @Setup(Level.Trial)
    public void start() throws InterruptedException {
        QuietLogs.apply();
        System.setProperty("tributary.connectors.memory.type", "memory");
        container = new Weld("tributary-benchmark")
                .disableDiscovery()
                .addExtension(new TributaryExtension())
                .addBeanClasses(MemoryConnectorProvider.class)
                .addBeanClasses(TributaryHandlers.class, TributaryPublishers.class, TributaryStartLatch.class,
                        Progress.class)
                .initialize();
        container.select(TributaryStartLatch.class).get().await();
        TributaryPublishers publishers = container.select(TributaryPublishers.class).get();
        json = publishers.json();
        raw = publishers.raw();
        progress = container.select(Progress.class).get();
        // smoke test: one message per channel must come out of the handlers, or the run is meaningless
        json.publish(Payloads.JSON);
        raw.publish(Payloads.RAW);
        progress.awaitHandled(progress.published(2), this::diagnosis);
    }

    /** Publishes {@code n} copies of {@code body} to the JSON or raw channel and waits until all but {@link Payloads#MAX_LAG} are handled. */
    void publishAndAwait(boolean jsonChannel, byte[] body, int n) {
        Publisher<byte[]> publisher = jsonChannel ? json : raw;
        CompletionStage<Void> stage = null;
        for (int i = 0; i < n; i++) {
            stage = publisher.publish(body);
        }
        lastPublish = stage;
        progress.awaitHandled(progress.published(n) - Payloads.MAX_LAG, this::diagnosis);
    }

    private String diagnosis() {
        CompletionStage<Void> s = lastPublish;
        return "Tributary; last publish " + (s == null ? "none" : s.toCompletableFuture().toString());
    }

    @TearDown(Level.Iteration)
    public void drain() {
        progress.awaitHandled(progress.publishedCount(), this::diagnosis);
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (container != null) {
            container.shutdown();
        }
    }
}
