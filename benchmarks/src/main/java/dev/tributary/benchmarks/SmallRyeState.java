package dev.tributary.benchmarks;

import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.inject.se.SeContainer;

import org.eclipse.microprofile.reactive.messaging.spi.ConnectorLiteral;
import org.jboss.weld.environment.se.Weld;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import io.smallrye.config.inject.ConfigExtension;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.smallrye.reactive.messaging.providers.MediatorFactory;
import io.smallrye.reactive.messaging.providers.OutgoingInterceptorDecorator;
import io.smallrye.reactive.messaging.providers.connectors.ExecutionHolder;
import io.smallrye.reactive.messaging.providers.connectors.WorkerPoolRegistry;
import io.smallrye.reactive.messaging.providers.extension.ChannelProducer;
import io.smallrye.reactive.messaging.providers.extension.EmitterFactoryImpl;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.smallrye.reactive.messaging.providers.extension.LegacyEmitterFactoryImpl;
import io.smallrye.reactive.messaging.providers.extension.MediatorManager;
import io.smallrye.reactive.messaging.providers.extension.MutinyEmitterFactoryImpl;
import io.smallrye.reactive.messaging.providers.extension.PausableChannelDecorator;
import io.smallrye.reactive.messaging.providers.extension.ReactiveMessagingExtension;
import io.smallrye.reactive.messaging.providers.impl.ConfiguredChannelFactory;
import io.smallrye.reactive.messaging.providers.impl.ConnectorFactories;
import io.smallrye.reactive.messaging.providers.impl.InternalChannelRegistry;
import io.smallrye.reactive.messaging.providers.locals.ContextDecorator;
import io.smallrye.reactive.messaging.providers.metrics.MetricDecorator;
import io.smallrye.reactive.messaging.providers.metrics.MicrometerDecorator;
import io.smallrye.reactive.messaging.providers.wiring.Wiring;

/**
 * SmallRye Reactive Messaging 4.33.0 in its own Weld SE container (discovery off; its extension and
 * infrastructure beans added explicitly, no Tributary class present). Channels {@value #JSON_CHANNEL}
 * and {@value #RAW_CHANNEL} come from the {@code smallrye-in-memory} connector.
 *
 * <p>The in-memory source calls the {@code @Incoming} method on the sending thread. It is not safe for
 * concurrent {@code send} (a Reactive Streams {@code onNext} must be serialised), so with more than one
 * benchmark thread every send takes a lock — what an application publishing from several threads would
 * have to do. With one thread there is no lock.
 */
@State(Scope.Benchmark)
public class SmallRyeState {

    static final String JSON_CHANNEL = "bench-json";
    static final String RAW_CHANNEL = "bench-raw";

    private SeContainer container;
    private InMemorySource<byte[]> json;
    private InMemorySource<byte[]> raw;
    private Progress progress;
    private final ReentrantLock sendLock = new ReentrantLock();
    private boolean serialise;

    @Setup(Level.Trial)
    public void start(BenchmarkParams params) {
        QuietLogs.apply();
        serialise = params.getThreads() > 1;
        System.setProperty("mp.messaging.incoming." + JSON_CHANNEL + ".connector", InMemoryConnector.CONNECTOR);
        System.setProperty("mp.messaging.incoming." + RAW_CHANNEL + ".connector", InMemoryConnector.CONNECTOR);
        container = new Weld("smallrye-benchmark")
                .disableDiscovery()
                .addExtension(new ConfigExtension())
                .addExtension(new ReactiveMessagingExtension())
                .addBeanClasses(MediatorFactory.class, Wiring.class, ExecutionHolder.class, MediatorManager.class,
                        WorkerPoolRegistry.class, InternalChannelRegistry.class, ChannelProducer.class,
                        ConfiguredChannelFactory.class, ConnectorFactories.class, MicrometerDecorator.class,
                        MetricDecorator.class, PausableChannelDecorator.class, HealthCenter.class,
                        ContextDecorator.class, InMemoryConnector.class, EmitterFactoryImpl.class,
                        MutinyEmitterFactoryImpl.class, LegacyEmitterFactoryImpl.class,
                        OutgoingInterceptorDecorator.class)
                .addBeanClasses(SmallRyeHandlers.class, Progress.class)
                .initialize();
        InMemoryConnector connector = container.select(InMemoryConnector.class,
                ConnectorLiteral.of(InMemoryConnector.CONNECTOR)).get();
        json = connector.source(JSON_CHANNEL);
        raw = connector.source(RAW_CHANNEL);
        progress = container.select(Progress.class).get();
        // smoke test: one message per channel must come out of the handlers, or the run is meaningless
        json.send(Payloads.JSON);
        raw.send(Payloads.RAW);
        progress.awaitHandled(progress.published(2), () -> "SmallRye wiring");
    }

    /** Publishes {@code n} copies of {@code body} to the JSON or raw channel and waits until all but {@link Payloads#MAX_LAG} are handled. */
    void publishAndAwait(boolean jsonChannel, byte[] body, int n) {
        InMemorySource<byte[]> source = jsonChannel ? json : raw;
        if (serialise) {
            for (int i = 0; i < n; i++) {
                sendLock.lock();
                try {
                    source.send(body);
                } finally {
                    sendLock.unlock();
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                source.send(body);
            }
        }
        progress.awaitHandled(progress.published(n) - Payloads.MAX_LAG, () -> "SmallRye");
    }

    @TearDown(Level.Iteration)
    public void drain() {
        progress.awaitHandled(progress.publishedCount(), () -> "SmallRye (end of iteration)");
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (container != null) {
            container.close();
        }
    }
}
