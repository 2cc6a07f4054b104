package dev.tributary.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import dev.tributary.DynamicSubscription;
import dev.tributary.PublishOptions;
import dev.tributary.Publisher;
import dev.tributary.Publishers;
import dev.tributary.SubscribeOptions;
import dev.tributary.Subscriptions;
import dev.tributary.cdi.TributaryExtension;
import dev.tributary.tck.brokers.MosquittoBroker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * End-to-end throughput, raw HiveMQ client vs Tributary (runtime + this connector), against the same Mosquitto with
 * the same settings: one connection publishes N messages of 100 bytes asynchronously and consumes them; the time
 * is from the first publish until the last message was handled. Alternating runs after a warm-up; prints the median
 * and the ratio Tributary / raw. Not a test (no timed tests): run it with {@code main}.
 */
public final class MqttBenchmark {

    private static final byte[] BODY = new byte[100];
    private static final dev.tributary.AckPolicy ACK_POLICY = dev.tributary.AckPolicy.valueOf(
            System.getProperty("bench.ack-policy", "ACK"));

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (MosquittoBroker broker = new MosquittoBroker()) {
            broker.start();
            System.setProperty("tributary.connectors.mqtt.type", "mqtt");
            System.setProperty("tributary.connectors.mqtt.host", broker.host());
            System.setProperty("tributary.connectors.mqtt.port", String.valueOf(broker.port()));
            System.setProperty("tributary.connectors.mqtt.publish.timeout", "60s");
            ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
            try (WeldContainer weld = new Weld("bench").disableDiscovery().addExtension(new TributaryExtension())
                    .property("org.jboss.weld.bootstrap.concurrentDeployment", false).initialize()) {
                Mqtt5AsyncClient raw = MqttClient.builder().useMqttVersion5().identifier("raw-" + UUID.randomUUID())
                        .serverHost(broker.host()).serverPort(broker.port()).buildAsync();
                raw.connectWith().restrictions().receiveMaximum(1024).applyRestrictions().send().get(10, TimeUnit.SECONDS);
                StringBuilder table = new StringBuilder(
                        "| QoS | messages | raw HiveMQ msg/s (median) | Tributary msg/s (median) | ratio |\n|---|---|---|---|---|\n");
                for (int qos : new int[] {0, 1}) {
                    int n = qos == 0 ? 50_000 : 20_000;
                    List<Double> rawRates = new ArrayList<>();
                    List<Double> tribRates = new ArrayList<>();
                    rawRun(raw, qos, n);
                    tributaryRun(weld, qos, n); // warm-up
                    for (int r = 0; r < rounds; r++) {
                        rawRates.add(rawRun(raw, qos, n));
                        tribRates.add(tributaryRun(weld, qos, n));
                    }
                    double rm = median(rawRates);
                    double tm = median(tribRates);
                    System.out.printf("mqtt QoS %d, %d x 100 B: raw %.0f msg/s, tributary %.0f msg/s, ratio %.2f (raw %s, trib %s)%n",
                            qos, n, rm, tm, tm / rm, rawRates, tribRates);
                    table.append(String.format("| %d | %d | %.0f | %.0f | %.2f |%n", qos, n, rm, tm, tm / rm));
                }
                raw.disconnect().get(5, TimeUnit.SECONDS);
                System.out.println(table);
            }
        }
    }

    private static double rawRun(Mqtt5AsyncClient client, int qos, int n) throws Exception {
        String topic = "bench/raw/" + UUID.randomUUID();
        AtomicInteger received = new AtomicInteger();
        CompletableFuture<Void> all = new CompletableFuture<>();
        client.subscribeWith().topicFilter(topic).qos(MqttQos.fromCode(qos)).callback(p -> {
            if (received.incrementAndGet() == n) {
                all.complete(null);
            }
        }).send().get(10, TimeUnit.SECONDS);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(BODY).send();
        }
        return finish("raw", all, received, n, start, () -> client.unsubscribeWith().topicFilter(topic).send());
    }

    private static double tributaryRun(WeldContainer weld, int qos, int n) throws Exception {
        String topic = "bench/trib/" + UUID.randomUUID();
        AtomicInteger received = new AtomicInteger();
        CompletableFuture<Void> all = new CompletableFuture<>();
        DynamicSubscription sub = weld.select(Subscriptions.class).get().subscribe(
                SubscribeOptions.builder(topic).option("qos", String.valueOf(qos)).ackPolicy(ACK_POLICY).build(), byte[].class, m -> {
                    if (received.incrementAndGet() == n) {
                        all.complete(null);
                    }
                });
        Publisher<byte[]> publisher = weld.select(Publishers.class).get().channel(topic, byte[].class);
        PublishOptions options = PublishOptions.builder().option("qos", qos).build();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            publisher.publish(BODY, options);
        }
        return finish("tributary", all, received, n, start, () -> {
            sub.close();
            return null;
        });
    }

    /**
     * Waits until all arrived or nothing arrived for a second (QoS 0 may drop under overload: the broker's and the
     * client's QoS 0 queues are bounded); the rate counts what arrived until the last arrival.
     */
    private static double finish(String what, CompletableFuture<Void> all, AtomicInteger received, int n, long start,
            java.util.concurrent.Callable<?> cleanup) throws Exception {
        int last = -1;
        long lastChange = System.nanoTime();
        long lastArrival = start;
        while (!all.isDone()) {
            int now = received.get();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
                lastArrival = lastChange;
            } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(1)) {
                break;
            }
            Thread.sleep(5);
        }
        if (all.isDone()) {
            lastArrival = System.nanoTime();
        } else {
            System.out.println("  " + what + ": " + received.get() + " of " + n + " arrived (QoS 0 dropped the rest)");
        }
        cleanup.call();
        return received.get() / ((lastArrival - start) / 1e9);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private MqttBenchmark() {
    }
}
