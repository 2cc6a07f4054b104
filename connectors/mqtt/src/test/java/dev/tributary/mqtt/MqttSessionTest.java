package dev.tributary.mqtt;

import static dev.tributary.mqtt.TestContext.send;
import static dev.tributary.mqtt.TestContext.spec;
import static dev.tributary.mqtt.TestContext.text;
import static dev.tributary.mqtt.TestContext.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tributary.AckPolicy;
import dev.tributary.TributaryException;
import dev.tributary.tck.brokers.Brokers;
import dev.tributary.tck.brokers.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sessions, redelivery, reconnects and credentials against real Mosquitto. */
@ExtendWith(Brokers.class)
class MqttSessionTest {

    private final TestContext ctx = new TestContext();

    @AfterEach
    void close() {
        ctx.close();
    }

    private static String[] persistent(String clientId) {
        return new String[] {MqttConfig.CLIENT_ID, clientId, MqttConfig.CLEAN_START, "false",
                MqttConfig.SESSION_EXPIRY, "60s"};
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.0", "3.1.1"})
    void aNackedQos1MessageComesBackWhenThePersistentSessionResumes(String version, MosquittoBroker broker) {
        String clientId = "nack-" + UUID.randomUUID().toString().substring(0, 8);
        String t = topic("nack");
        MqttConnector first = ctx.connector(broker, version, persistent(clientId));
        RecordingSink nacking = new RecordingSink(m -> m.nack());
        first.subscribe(spec(t, AckPolicy.NACK_ON_ERROR, "qos", "1"), nacking);
        MqttConnector publisher = ctx.connector(broker, version);
        send(publisher, TestContext.withOptions(t, "come back", Map.of("qos", 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> nacking.size() == 1);

        // the subscriber goes away without having acknowledged; a new one resumes the session
        first.close(Duration.ofSeconds(1)).toCompletableFuture().join();
        MqttConnector second = ctx.connector(broker, version, persistent(clientId));
        RecordingSink acking = RecordingSink.acking();
        second.subscribe(spec(t, AckPolicy.ACK, "qos", "1"), acking);

        await().atMost(Duration.ofSeconds(10)).until(() -> acking.size() == 1);
        assertThat(acking.bodies()).containsExactly("come back");
        MqttConnector third = null;
        // acknowledged now: a third resume gets nothing more
        second.close(Duration.ofSeconds(1)).toCompletableFuture().join();
        third = ctx.connector(broker, version, persistent(clientId));
        RecordingSink after = RecordingSink.acking();
        third.subscribe(spec(t, AckPolicy.ACK, "qos", "1"), after);
        send(publisher, TestContext.withOptions(t, "marker", Map.of("qos", 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> after.size() >= 1);
        assertThat(after.bodies()).containsExactly("marker");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.0", "3.1.1"})
    void aDetachedPersistentSubscriptionKeepsWhatIsPublishedWhileTheApplicationIsDown(String version,
            MosquittoBroker broker) {
        String clientId = "detach-" + UUID.randomUUID().toString().substring(0, 8);
        String t = topic("detach");
        MqttConnector first = ctx.connector(broker, version, persistent(clientId));
        RecordingSink before = RecordingSink.acking();
        dev.tributary.spi.Subscription s = first.subscribe(spec(t, AckPolicy.ACK, "qos", "1"), before);
        MqttConnector publisher = ctx.connector(broker, version);
        send(publisher, TestContext.withOptions(t, "before", Map.of("qos", 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> before.size() == 1);

        // graceful shutdown: detach (no UNSUBSCRIBE), disconnect; a message arrives while the application is down
        s.detach().toCompletableFuture().join();
        first.close(Duration.ofSeconds(1)).toCompletableFuture().join();
        send(publisher, TestContext.withOptions(t, "while down", Map.of("qos", 1)));

        MqttConnector second = ctx.connector(broker, version, persistent(clientId));
        RecordingSink after = RecordingSink.acking();
        second.subscribe(spec(t, AckPolicy.ACK, "qos", "1"), after);
        await().atMost(Duration.ofSeconds(10)).until(() -> after.size() >= 1);
        assertThat(after.bodies()).containsExactly("while down");

        // stop() is for good: it unsubscribes, so nothing is kept for the session any more
        dev.tributary.spi.Subscription again = second.subscribe(spec(t + "/x", AckPolicy.ACK, "qos", "1"),
                RecordingSink.acking());
        again.stop().toCompletableFuture().join();
        second.close(Duration.ofSeconds(1)).toCompletableFuture().join();
        send(publisher, TestContext.withOptions(t + "/x", "lost", Map.of("qos", 1)));
        send(publisher, TestContext.withOptions(t, "marker", Map.of("qos", 1)));
        MqttConnector third = ctx.connector(broker, version, persistent(clientId));
        RecordingSink last = RecordingSink.acking();
        RecordingSink stopped = RecordingSink.acking();
        third.subscribe(spec(t, AckPolicy.ACK, "qos", "1"), last);
        third.subscribe(spec(t + "/x", AckPolicy.ACK, "qos", "1"), stopped);
        await().atMost(Duration.ofSeconds(10)).until(() -> last.size() >= 1);
        assertThat(last.bodies()).containsExactly("marker");
        assertThat(stopped.size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.0", "3.1.1"})
    void underAckFirstTheClientAcknowledgesOnReceipt(String version, MosquittoBroker broker) {
        String clientId = "ackfirst-" + UUID.randomUUID().toString().substring(0, 8);
        String t = topic("ackfirst");
        MqttConnector first = ctx.connector(broker, version, persistent(clientId));
        RecordingSink holding = RecordingSink.holding(); // never settles: only the client's own acknowledgement counts
        first.subscribe(spec(t, AckPolicy.ACK_FIRST, "qos", "1"), holding);
        MqttConnector publisher = ctx.connector(broker, version);
        send(publisher, TestContext.withOptions(t, "once", Map.of("qos", 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> holding.size() == 1);
        assertThat(holding.get(0).ack()).isCompleted(); // settling it again is allowed and does nothing
        first.close(Duration.ofSeconds(1)).toCompletableFuture().join();

        // the persistent session resumes: the message was acknowledged on receipt, so it is not redelivered
        MqttConnector second = ctx.connector(broker, version, persistent(clientId));
        RecordingSink after = RecordingSink.acking();
        second.subscribe(spec(t, AckPolicy.ACK, "qos", "1"), after);
        send(publisher, TestContext.withOptions(t, "marker", Map.of("qos", 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> after.size() >= 1);
        assertThat(after.bodies()).containsExactly("marker");
    }

    @Test
    void withACleanStartANackedMessageIsNotRedelivered(MosquittoBroker broker) {
        String clientId = "clean-" + UUID.randomUUID().toString().substring(0, 8);
        String t = topic("clean");
        MqttConnector first = ctx.connector(broker, "5.0", MqttConfig.CLIENT_ID, clientId);
        RecordingSink nacking = new RecordingSink(m -> m.nack());
        first.subscribe(spec(t, AckPolicy.NACK_ON_ERROR, "qos", "1"), nacking);
        MqttConnector publisher = ctx.connector(broker, "5.0");
        send(publisher, TestContext.withOptions(t, "gone", Map.of("qos", 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> nacking.size() == 1);
        first.close(Duration.ofSeconds(1)).toCompletableFuture().join();

        MqttConnector second = ctx.connector(broker, "5.0", MqttConfig.CLIENT_ID, clientId);
        RecordingSink sink = RecordingSink.acking();
        second.subscribe(spec(t, AckPolicy.ACK, "qos", "1"), sink);
        send(publisher, TestContext.withOptions(t, "marker", Map.of("qos", 1)));

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.size() >= 1);
        assertThat(sink.bodies()).containsExactly("marker");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.0", "3.1.1"})
    void subscriptionsAreRestoredAfterABrokerRestart(String version, MosquittoBroker broker) {
        MqttConnector c = ctx.connector(broker, version);
        String t = topic("restart");
        RecordingSink sink = RecordingSink.acking();
        c.subscribe(spec(t, AckPolicy.ACK), sink);
        send(c, text(t, "before"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.size() == 1);

        broker.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> !c.health().up());
        assertThat(c.health().detail()).contains("TRB-MQT018");
        broker.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> c.health().up());

        send(c, text(t, "after"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.size() == 2);
        assertThat(sink.bodies()).containsExactly("before", "after");
        assertThat(sink.failures).isEmpty();
    }

    @Test
    void aPublishWhileTheBrokerIsDownFailsWithinThePublishTimeout(MosquittoBroker broker) {
        MqttConnector c = ctx.connector(broker, "5.0", MqttConfig.PUBLISH_TIMEOUT, "500ms");
        broker.stop();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !c.health().up());
            long start = System.nanoTime();
            assertThatThrownBy(() -> c.sender(null).send(text("a/b", "lost")).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(TributaryException.class,
                            e -> assertThat(e.code()).isIn("TRB-MQT007", "TRB-MQT026"));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
        } finally {
            broker.start();
        }
    }

    @Test
    void reconnectGivesUpAfterMaxAttemptsAndTellsTheSinks(MosquittoBroker broker) {
        MqttConnector c = ctx.connector(broker, "5.0", MqttConfig.RECONNECT_MAX_ATTEMPTS, "2",
                MqttConfig.RECONNECT_INITIAL_DELAY, "50ms", MqttConfig.RECONNECT_MAX_DELAY, "100ms");
        RecordingSink sink = RecordingSink.acking();
        c.subscribe(spec(topic("giveup"), AckPolicy.ACK), sink);
        broker.stop();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !sink.failures.isEmpty());
            assertThat(sink.failures.get(0)).isInstanceOfSatisfying(TributaryException.class,
                    e -> assertThat(e.code()).isEqualTo("TRB-MQT010"));
            assertThat(c.health().up()).isFalse();
            assertThat(c.health().detail()).contains("TRB-MQT010");
        } finally {
            broker.start();
        }
    }

    @Test
    void anUnreachableBrokerFailsStartWithACode(MosquittoBroker broker) throws Exception {
        int unused;
        try (var s = new java.net.ServerSocket(0)) {
            unused = s.getLocalPort();
        }
        MqttConnector c = ctx.create(broker, "5.0", MqttConfig.PORT, String.valueOf(unused));

        assertThatThrownBy(() -> c.start().toCompletableFuture().join()).isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo("TRB-MQT003"));
        assertThat(c.health().up()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.0", "3.1.1"})
    void wrongCredentialsAreRefusedWithACodeAndNotRetried(String version) throws Exception {
        Path dir = Files.createTempDirectory("mqtt-auth");
        Path passwords = dir.resolve("passwords");
        Process p = new ProcessBuilder("mosquitto_passwd", "-b", "-c", passwords.toString(), "alice", "s3cret")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        int securedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            securedPort = socket.getLocalPort();
        }
        // the launcher's readiness probe connects anonymously: keep its listener open and add a second,
        // password-protected listener (per_listener_settings: the lines after a listener configure that listener)
        try (MosquittoBroker secured = new MosquittoBroker().withOption("allow_anonymous", null)
                .withOption("per_listener_settings", "true").withConfigLine("allow_anonymous true")
                .withConfigLine("listener " + securedPort + " 127.0.0.1").withConfigLine("allow_anonymous false")
                .withConfigLine("password_file " + passwords)) {
            secured.start();
            String port = String.valueOf(securedPort);
            MqttConnector good = ctx.connector(secured, version, MqttConfig.PORT, port, MqttConfig.USERNAME, "alice",
                    MqttConfig.PASSWORD, "s3cret");
            assertThat(good.health().up()).isTrue();

            MqttConnector bad = ctx.create(secured, version, MqttConfig.PORT, port, MqttConfig.USERNAME, "alice",
                    MqttConfig.PASSWORD, "wrong");
            long start = System.nanoTime();
            assertThatThrownBy(() -> bad.start().toCompletableFuture().join()).cause()
                    .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo("TRB-MQT004"))
                    .hasMessageContaining(version.equals("5.0") ? "NOT_AUTHORIZED" : "code 5");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("not retried").isLessThan(3000);
            assertThat(bad.health().up()).isFalse();
            assertThat(bad.health().detail()).contains("TRB-MQT004");

            MqttConnector anonymous = ctx.create(secured, version, MqttConfig.PORT, port);
            assertThatThrownBy(() -> anonymous.start().toCompletableFuture().join()).cause()
                    .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo("TRB-MQT004"));
        }
    }

    @Test
    void messagesOfASubscriptionTheApplicationNoLongerHasDoNotStarveTheOthers(MosquittoBroker broker) {
        String clientId = "leftover-" + UUID.randomUUID().toString().substring(0, 8);
        String old = topic("old");
        String current = topic("current");
        String[] settings = {MqttConfig.CLIENT_ID, clientId, MqttConfig.CLEAN_START, "false",
                MqttConfig.SESSION_EXPIRY, "60s", MqttConfig.CONNECT_TIMEOUT, "500ms"};
        MqttConnector first = ctx.connector(broker, "5.0", settings);
        first.subscribe(spec(old, AckPolicy.ACK, "qos", "1"), RecordingSink.acking());
        first.close(Duration.ofSeconds(1)).toCompletableFuture().join();
        MqttConnector publisher = ctx.connector(broker, "5.0");
        int window = Integer.parseInt(MosquittoBroker.DEFAULT_MAX_INFLIGHT_MESSAGES);
        for (int i = 0; i < window + 20; i++) { // more than the broker's in-flight window, queued for the offline session
            publisher.sender(null).send(TestContext.withOptions(old, "left over " + i, Map.of("qos", 1)));
        }

        // the application now subscribes something else only; the old subscription is still in the session
        MqttConnector second = ctx.connector(broker, "5.0", settings);
        RecordingSink sink = RecordingSink.acking();
        second.subscribe(spec(current, AckPolicy.ACK, "qos", "1"), sink);
        send(publisher, TestContext.withOptions(current, "fresh", Map.of("qos", 1)));

        await().atMost(Duration.ofSeconds(15)).until(() -> sink.size() == 1);
        assertThat(sink.bodies()).containsExactly("fresh");
    }

    @Test
    void stoppingOneOfTwoSubscriptionsOfAFilterKeepsTheOtherFlowing(MosquittoBroker broker) {
        MqttConnector c = ctx.connector(broker, "5.0");
        String t = topic("same-filter");
        int n = Integer.parseInt(MosquittoBroker.DEFAULT_MAX_INFLIGHT_MESSAGES) + 50; // beyond the broker's window
        RecordingSink gone = RecordingSink.acking();
        RecordingSink staying = RecordingSink.acking();
        var first = c.subscribe(spec(t, AckPolicy.ACK, "qos", "1"), gone);
        c.subscribe(spec(t, AckPolicy.ACK, "qos", "1"), staying);
        first.stop().toCompletableFuture().join();

        java.util.List<String> sent = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add("m" + i);
            c.sender(null).send(TestContext.withOptions(t, "m" + i, Map.of("qos", 1)));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> staying.size() == n);
        assertThat(staying.bodies()).isEqualTo(sent);
        assertThat(gone.size()).isZero();
    }
}
