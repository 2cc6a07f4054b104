package dev.tributary.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;

/**
 * The raw HiveMQ MQTT 5 client side, used as its documentation shows: one {@link Mqtt5AsyncClient} for publishing and
 * end to end (as Tributary's connector keeps one connection), automatic acknowledgement (the client's default),
 * {@code publishWith()...send()} per message. Consume runs connect a persistent-session client that reads the backlog
 * the broker kept for it. Client settings: {@link MqttSettings}.
 */
final class MqttRawSide implements AutoCloseable {

    private final String host;
    private final int port;
    private final Mqtt5AsyncClient client;
    /**
     * Diagnostic: consume like Tributary does: manual acknowledgement, the message handed to one worker thread that
     * handles it and then acknowledges (null: the client's automatic acknowledgement on its event loop).
     */
    private final ExecutorService handOff;
    /** Diagnostic: every publish carries Correlation Data (a random UUID as text), as Tributary's wire format. */
    private final boolean correlationData;
    /**
     * Diagnostic: subscription callbacks run on the client's Netty event loop (callback executor: the emitting thread),
     * as Tributary's connector takes messages, instead of the client's default application scheduler (RxJava
     * computation threads). Null: the default.
     */
    private final Executor callbackExecutor;

    MqttRawSide(String host, int port, boolean handOff, boolean correlationData, boolean onEventLoop) throws Exception {
        this.host = host;
        this.port = port;
        this.handOff = handOff ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "raw-handler");
            t.setDaemon(true);
            return t;
        }) : null;
        this.correlationData = correlationData;
        this.callbackExecutor = onEventLoop ? Runnable::run : null;
        client = MqttClient.builder().useMqttVersion5().identifier("raw-" + UUID.randomUUID()).serverHost(host)
                .serverPort(port).buildAsync();
        connect(client, true, 0);
    }

    private static void connect(Mqtt5AsyncClient c, boolean cleanStart, long sessionExpiry) throws Exception {
        connect(c, cleanStart, sessionExpiry, MqttSettings.RECEIVE_MAXIMUM);
    }

    private static void connect(Mqtt5AsyncClient c, boolean cleanStart, long sessionExpiry, int receiveMaximum)
            throws Exception {
        c.connectWith().cleanStart(cleanStart).keepAlive(MqttSettings.KEEP_ALIVE_SECONDS).sessionExpiryInterval(sessionExpiry)
                .restrictions().receiveMaximum(receiveMaximum).applyRestrictions()
                .send().get(10, TimeUnit.SECONDS);
    }

    private CompletableFuture<Mqtt5PublishResult> send(String topic, MqttQos qos) {
        var b = client.publishWith().topic(topic).qos(qos).payload(MqttSettings.BODY);
        if (correlationData) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            b.correlationData(new UUID(r.nextLong(), r.nextLong()).toString().getBytes(StandardCharsets.UTF_8));
        }
        return b.send();
    }

    /** What a subscriber does with a message: count it (and acknowledge it, when it acknowledges manually). */
    private Consumer<Mqtt5Publish> receiver(MqttRun run) {
        if (handOff == null) {
            return p -> run.handled(p.getPayloadAsBytes());
        }
        return p -> handOff.execute(() -> {
            run.handled(p.getPayloadAsBytes());
            p.acknowledge();
        });
    }

    /** Publishes {@code n} bodies (nobody subscribed); returns the run, timed until every publish future completed. */
    MqttRun publish(MqttCase c, int n) throws InterruptedException {
        MqttRun run = new MqttRun(n, 0);
        String topic = c.topic("raw");
        MqttQos qos = MqttQos.fromCode(c.qos);
        run.start();
        for (int i = 0; i < n; i++) {
            send(topic, qos).whenComplete((r, e) -> {
                if (e != null) {
                    run.failed(e);
                } else if (r.getError().isPresent()) {
                    run.failed(r.getError().get());
                } else {
                    run.completed();
                }
            });
        }
        run.await(120, "raw publish " + c.key);
        return run;
    }

    /**
     * Subscribes, then publishes {@code n} bodies on the same connection with at most {@link MqttSettings#WINDOW}
     * published and not yet received; returns the run, timed from the first publish to the {@code n}-th message received.
     */
    MqttRun endToEnd(MqttCase c, int n) throws Exception {
        MqttRun run = new MqttRun(n, MqttSettings.WINDOW);
        String topic = c.topic("raw");
        MqttQos qos = MqttQos.fromCode(c.qos);
        var subscribe = client.subscribeWith().topicFilter(topic).qos(qos).callback(receiver(run))
                .manualAcknowledgement(handOff != null);
        if (callbackExecutor != null) {
            subscribe.executor(callbackExecutor);
        }
        subscribe.send().get(10, TimeUnit.SECONDS);
        try {
            run.start();
            for (int i = 0; i < n; i++) {
                run.beforePublish();
                send(topic, qos).whenComplete((r, e) -> {
                    if (e != null) {
                        run.failed(e);
                    }
                });
            }
            run.await(120, "raw end to end " + c.key);
            return run;
        } finally {
            client.unsubscribeWith().topicFilter(topic).send().get(10, TimeUnit.SECONDS);
        }
    }

    /** The persistent-session client id of a consume case (also subscribes it once, so the broker keeps a backlog). */
    String consumerId(MqttCase c) {
        return "raw-consumer-" + c.key;
    }

    /** Creates the persistent session of a consume case, subscribed to its topic, and leaves it offline. */
    void prepareConsumer(MqttCase c) throws Exception {
        prepareSession(consumerId(c), c.topic("raw"), c.qos);
    }

    /**
     * Creates (anew: clean start) the persistent session {@code clientId}, subscribed to {@code topic}, and leaves it
     * offline, so the broker keeps what is published there until the session resumes.
     */
    void prepareSession(String clientId, String topic, int qos) throws Exception {
        Mqtt5AsyncClient consumer = MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost(host)
                .serverPort(port).buildAsync();
        connect(consumer, true, MqttSettings.SESSION_EXPIRY_SECONDS, MqttSettings.CONSUME_RECEIVE_MAXIMUM);
        consumer.subscribeWith().topicFilter(topic).qos(MqttQos.fromCode(qos)).send().get(10, TimeUnit.SECONDS);
        consumer.disconnect().get(10, TimeUnit.SECONDS);
    }

    private Mqtt5AsyncClient consumerClient(MqttCase c) {
        return MqttClient.builder().useMqttVersion5().identifier(consumerId(c)).serverHost(host).serverPort(port).buildAsync();
    }

    /**
     * Publishes the backlog of a consume case ({@code n} bodies to {@code topic}) for an offline session, with this
     * side's client; returns when the broker has taken them all (QoS 1: PUBACKs; QoS 0: a QoS 1 marker published last
     * was acknowledged, and the broker handles one connection's packets in order).
     */
    void fill(String topic, int qos, int n) throws Exception {
        MqttRun run = new MqttRun(n, 0);
        MqttQos q = MqttQos.fromCode(qos);
        for (int i = 0; i < n; i++) {
            client.publishWith().topic(topic).qos(q).payload(MqttSettings.BODY).send().whenComplete((r, e) -> {
                if (e != null) {
                    run.failed(e);
                } else {
                    run.completed();
                }
            });
        }
        run.await(120, "fill " + topic);
        client.publishWith().topic(topic + "/marker").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[0]).send()
                .get(30, TimeUnit.SECONDS);
    }

    /**
     * Resumes the consume case's persistent session and reads the {@code n} messages the broker kept; returns the
     * seconds from the first message received to the {@code n}-th (connect excluded, as on the Tributary side).
     */
    MqttRun consume(MqttCase c, int n) throws Exception {
        prepareConsumer(c);
        fill(c.topic("raw"), c.qos, n);
        MqttRun run = new MqttRun(n, 0);
        Mqtt5AsyncClient consumer = consumerClient(c);
        // a resumed session's messages arrive right after CONNACK, before any subscribe of this connection
        if (callbackExecutor != null) {
            consumer.publishes(MqttGlobalPublishFilter.ALL, receiver(run), callbackExecutor, handOff != null);
        } else {
            consumer.publishes(MqttGlobalPublishFilter.ALL, receiver(run), handOff != null);
        }
        connect(consumer, false, MqttSettings.SESSION_EXPIRY_SECONDS, MqttSettings.CONSUME_RECEIVE_MAXIMUM);
        try {
            run.await(120, "raw consume " + c.key);
        } finally {
            consumer.disconnect().get(10, TimeUnit.SECONDS);
        }
        return run;
    }

    @Override
    public void close() throws Exception {
        if (handOff != null) {
            handOff.shutdownNow();
        }
        CompletableFuture<Void> d = client.disconnect();
        d.get(10, TimeUnit.SECONDS);
    }
}
