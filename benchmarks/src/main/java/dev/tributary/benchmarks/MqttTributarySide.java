package dev.tributary.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;

import dev.tributary.Publisher;
import dev.tributary.cdi.TributaryExtension;
import dev.tributary.cdi.se.Tributary;

/**
 * The Tributary side: Weld SE containers with discovery off holding the Tributary extension, the MQTT connector's
 * provider and the benchmark beans, configured through system properties (MicroProfile Config). One container (one
 * connector, one MQTT connection) for the publish and end-to-end runs; for consume, a container per run whose
 * connector resumes a persistent session (stable client id, clean start off) and reads the backlog.
 */
final class MqttTributarySide implements AutoCloseable {

    private static final String CONNECTOR = "tributary.connectors.mqtt.";

    private final String host;
    private final int port;
    private final List<String> properties = new ArrayList<>();
    private final Tributary.Running app;
    private final MqttPublishers publishers;

    /** Diagnostic: the consuming channels use ack policy ACK_FIRST (the connector then lets the client acknowledge). */
    private final boolean ackFirst;

    MqttTributarySide(String host, int port, boolean ackFirst) throws InterruptedException {
        this.host = host;
        this.port = port;
        this.ackFirst = ackFirst;
        for (MqttCase c : MqttCase.values()) {
            switch (c.kind) {
                case PUBLISH -> channel(c.channel(), c.topic("trib"), c.qos);
                case END_TO_END -> {
                    channel(c.channel() + "-out", c.topic("trib"), c.qos);
                    channel(c.channel(), c.topic("trib"), c.qos);
                    if (ackFirst) {
                        set("tributary.channels." + c.channel() + ".ack-policy", "ACK_FIRST");
                    }
                }
                default -> {
                }
            }
        }
        app = start(MqttPublishers.class, MqttHandlers.class);
        publishers = app.select(MqttPublishers.class);
    }

    private void channel(String name, String topic, int qos) {
        set("tributary.channels." + name + ".address", topic);
        set("tributary.channels." + name + ".connector", "mqtt");
        set("tributary.channels." + name + ".qos", String.valueOf(qos));
    }

    private void set(String key, String value) {
        System.setProperty(key, value);
        properties.add(key);
    }

    private Tributary.Running start(Class<?>... beans) throws InterruptedException {
        return start(Map.of(), beans);
    }

    /** Starts a container; {@code connector} overrides connector settings for this container only. */
    private Tributary.Running start(Map<String, String> connector, Class<?>... beans) throws InterruptedException {
        set(CONNECTOR + "type", "mqtt");
        set(CONNECTOR + "host", host);
        set(CONNECTOR + "port", String.valueOf(port));
        set(CONNECTOR + "version", "5.0");
        set(CONNECTOR + "keep-alive", MqttSettings.KEEP_ALIVE_SECONDS + "s");
        set(CONNECTOR + "receive-maximum", String.valueOf(MqttSettings.RECEIVE_MAXIMUM));
        set("tributary.shutdown.timeout", "5s");
        connector.forEach((k, v) -> System.setProperty(CONNECTOR + k, v));
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        Weld weld = new Weld("mqtt-bench-" + System.nanoTime()).disableDiscovery().skipShutdownHook()
                .addExtension(new TributaryExtension()).addBeanClasses(TributaryStartLatch.class)
                .addBeanClasses(beans);
        try {
            Tributary.Running started = Tributary.start(weld);
            started.select(TributaryStartLatch.class).await();
            return started;
        } finally {
            connector.keySet().forEach(k -> System.clearProperty(CONNECTOR + k));
        }
    }

    /** Publishes {@code n} bodies (nobody subscribed); returns the run, timed until every publish stage completed. */
    MqttRun publish(MqttCase c, int n) throws InterruptedException {
        MqttRun run = new MqttRun(n, 0);
        Publisher<byte[]> publisher = publishers.of(c);
        run.start();
        for (int i = 0; i < n; i++) {
            CompletionStage<Void> stage = publisher.publish(MqttSettings.BODY);
            stage.whenComplete((v, e) -> {
                if (e != null) {
                    run.failed(e);
                } else {
                    run.completed();
                }
            });
        }
        run.await(120, "Tributary publish " + c.key);
        return run;
    }

    /**
     * Publishes {@code n} bodies through the {@code @Channel} publisher to the topic the case's {@code @Incoming}
     * handler consumes on the same connector, with at most {@link MqttSettings#WINDOW} published and not yet handled;
     * returns the run, timed from the first publish to the {@code n}-th message handled.
     */
    MqttRun endToEnd(MqttCase c, int n) throws InterruptedException {
        MqttRun run = new MqttRun(n, MqttSettings.WINDOW);
        MqttRun.current = run;
        Publisher<byte[]> publisher = publishers.of(c);
        try {
            run.start();
            for (int i = 0; i < n; i++) {
                run.beforePublish();
                publisher.publish(MqttSettings.BODY).whenComplete((v, e) -> {
                    if (e != null) {
                        run.failed(e);
                    }
                });
            }
            run.await(120, "Tributary end to end " + c.key);
            return run;
        } finally {
            MqttRun.current = null;
        }
    }

    private Tributary.Running startConsumer(MqttCase c, boolean cleanStart) throws InterruptedException {
        set("tributary.channels." + MqttConsumeHandler.CHANNEL + ".address", c.topic("trib"));
        set("tributary.channels." + MqttConsumeHandler.CHANNEL + ".connector", "mqtt");
        set("tributary.channels." + MqttConsumeHandler.CHANNEL + ".qos", String.valueOf(c.qos));
        if (ackFirst) {
            set("tributary.channels." + MqttConsumeHandler.CHANNEL + ".ack-policy", "ACK_FIRST");
        }
        return start(Map.of("client-id", consumerId(c), "receive-maximum", String.valueOf(MqttSettings.CONSUME_RECEIVE_MAXIMUM),
                "clean-start", String.valueOf(cleanStart), "session-expiry", MqttSettings.SESSION_EXPIRY_SECONDS + "s"),
                MqttConsumeHandler.class);
    }

    private static String consumerId(MqttCase c) {
        return "trib-consumer-" + c.key;
    }

    /**
     * Resumes the consume case's persistent session in a new container, whose {@code @Incoming} handler reads the
     * backlog the raw side's client published for it while no container ran. The session is made by a raw client
     * before every run, because stopping a Tributary subscription unsubscribes it at the broker (so the session of a
     * closed container no longer collects anything). Returns the run, timed from the first message handled to
     * the {@code n}-th (container start excluded, as the raw side's connect).
     */
    MqttRun consume(MqttCase c, int n, MqttRawSide filler) throws Exception {
        filler.prepareSession(consumerId(c), c.topic("trib"), c.qos);
        filler.fill(c.topic("trib"), c.qos, n);
        MqttRun run = new MqttRun(n, 0);
        MqttRun.current = run;
        Tributary.Running consumer = startConsumer(c, false);
        try {
            run.await(120, "Tributary consume " + c.key);
        } finally {
            consumer.close();
            MqttRun.current = null;
        }
        return run;
    }

    @Override
    public void close() {
        app.close();
        properties.forEach(System::clearProperty);
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }
}
