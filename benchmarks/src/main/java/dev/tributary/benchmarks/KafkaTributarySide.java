package dev.tributary.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;

import dev.tributary.Publisher;
import dev.tributary.cdi.TributaryExtension;
import dev.tributary.cdi.se.Tributary;
import dev.tributary.kafka.KafkaConnectorProvider;

/**
 * The Tributary side: Weld SE containers with discovery off holding the Tributary extension, the Kafka connector's
 * provider and the benchmark beans, configured through system properties (MicroProfile Config). One container for
 * every produce run (its connector's one producer, like the raw side's one producer); a new container per consume
 * run, whose {@code @Incoming} subscription uses a new consumer group.
 */
final class KafkaTributarySide implements AutoCloseable {

    static final String CONSUME_CHANNEL = "kafka-consume";

    private final String bootstrap;
    private final List<String> properties = new ArrayList<>();
    private final Tributary.Running producerApp;
    private final KafkaPublishers publishers;
    private int groups;

    KafkaTributarySide(String bootstrap) throws InterruptedException {
        this.bootstrap = bootstrap;
        for (KafkaCase c : KafkaCase.values()) {
            if (c.produce) {
                set("tributary.channels." + c.key + ".address", c.topic());
                if (c.correlationId) {
                    set("tributary.channels." + c.key + ".correlation-id", "always");
                }
            }
        }
        producerApp = start(KafkaPublishers.class);
        publishers = producerApp.select(KafkaPublishers.class);
    }

    private void set(String key, String value) {
        System.setProperty(key, value);
        properties.add(key);
    }

    private Tributary.Running start(Class<?> bean) throws InterruptedException {
        set("tributary.connectors.kafka.bootstrap.servers", bootstrap);
        set("tributary.shutdown.timeout", "5s");
        KafkaSettings.PRODUCER.forEach((k, v) -> set("tributary.connectors.kafka.producer." + k, v));
        KafkaSettings.CONSUMER.forEach((k, v) -> set("tributary.connectors.kafka.consumer." + k, v));
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        Tributary.Running app = Tributary.start(new Weld("kafka-bench-" + System.nanoTime()).disableDiscovery()
                .skipShutdownHook()
                .addExtension(new TributaryExtension())
                .addBeanClasses(KafkaConnectorProvider.class, TributaryStartLatch.class, bean));
        app.select(TributaryStartLatch.class).await();
        return app;
    }

    /** Publishes {@code n} bodies and returns the seconds until every publish stage completed. */
    double produce(KafkaCase c, int n) throws InterruptedException {
        KafkaRun run = new KafkaRun(n);
        Publisher<byte[]> raw = publishers.raw(c);
        Publisher<Quote> json = publishers.json(c.partitions);
        run.started();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            CompletionStage<Void> stage = c.json ? json.publish(KafkaBodies.QUOTE) : raw.publish(KafkaBodies.RAW);
            stage.whenComplete((v, e) -> {
                if (e != null) {
                    run.failed(e);
                } else {
                    run.completed();
                }
            });
        }
        run.await(60, "Tributary produce " + c.key);
        return (run.lastNanos() - start) / 1e9;
    }

    /**
     * Starts a container whose handler reads the pre-filled topic with a new group; returns the seconds from the
     * first record handled to the {@code n}-th (container start and group join excluded, as on the raw side).
     */
    double consume(KafkaCase c, int n) throws InterruptedException {
        KafkaRun run = new KafkaRun(n);
        KafkaRun.current = run;
        set("tributary.channels." + CONSUME_CHANNEL + ".address", c.topic());
        if (c.maxInFlight > 0) {
            set("tributary.channels." + CONSUME_CHANNEL + ".max-in-flight", Integer.toString(c.maxInFlight));
        } else {
            System.clearProperty("tributary.channels." + CONSUME_CHANNEL + ".max-in-flight");
        }
        set("tributary.channels." + CONSUME_CHANNEL + ".group", "tributary-" + c.key + "-" + (++groups) + "-" + System.nanoTime());
        Tributary.Running app = start(c.json ? KafkaJsonHandler.class : KafkaRawHandler.class);
        try {
            run.await(120, "Tributary consume " + c.key);
        } finally {
            app.close();
        }
        return (run.lastNanos() - run.firstNanos()) / 1e9;
    }

    @Override
    public void close() {
        producerApp.close();
        properties.forEach(System::clearProperty);
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }
}
