package dev.tributary.mqtt;

import static dev.tributary.mqtt.TestContext.send;
import static dev.tributary.mqtt.TestContext.spec;
import static dev.tributary.mqtt.TestContext.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.AckPolicy;
import dev.tributary.tck.brokers.Brokers;
import dev.tributary.tck.brokers.MosquittoBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pause is exact: nothing reaches the sink after pause() returned, and nothing is lost or reordered by it. */
@ExtendWith(Brokers.class)
class MqttPauseTest {

    private final TestContext ctx = new TestContext();

    @AfterEach
    void close() {
        ctx.close();
    }

    private static List<String> numbered(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("m" + i);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.0", "3.1.1"})
    void nothingIsDeliveredWhilePausedAndEverythingInOrderAfterResume(String version, MosquittoBroker broker) {
        MqttConnector c = ctx.connector(broker, version);
        String t = topic("pause");
        RecordingSink sink = RecordingSink.acking();
        MqttSubscription s = (MqttSubscription) c.subscribe(spec(t, AckPolicy.ACK, "qos", "1"), sink);

        s.pause();
        for (String body : numbered(30)) {
            send(c, TestContext.withOptions(t, body, Map.of("qos", 1)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> s.buffered() == 30);
        assertThat(sink.size()).as("delivered while paused").isZero();

        s.resume();

        assertThat(sink.bodies()).as("delivered on the resuming thread, in order").isEqualTo(numbered(30));
        assertThat(s.buffered()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.0", "3.1.1"})
    void aPauseFromInsideOnMessageStopsRightThere(String version, MosquittoBroker broker) {
        MqttConnector c = ctx.connector(broker, version);
        String t = topic("pause-inside");
        AtomicReference<MqttSubscription> self = new AtomicReference<>();
        RecordingSink sink = new RecordingSink(m -> {
            m.ack();
            if (new String(m.body()).equals("m2")) {
                self.get().pause();
            }
        });
        MqttSubscription s = (MqttSubscription) c.subscribe(spec(t, AckPolicy.ACK, "qos", "1"), sink);
        self.set(s);

        for (String body : numbered(10)) {
            send(c, TestContext.withOptions(t, body, Map.of("qos", 1)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> s.buffered() == 7);
        assertThat(sink.bodies()).containsExactly("m0", "m1", "m2");

        Thread resumer = new Thread(s::resume);
        resumer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.size() == 10);
        assertThat(sink.bodies()).isEqualTo(numbered(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.0", "3.1.1"})
    void manyPauseResumeCyclesUnderLoadLoseAndDuplicateNothing(String version, MosquittoBroker broker) throws Exception {
        MqttConnector c = ctx.connector(broker, version);
        String t = topic("cycles");
        RecordingSink sink = RecordingSink.acking();
        MqttSubscription s = (MqttSubscription) c.subscribe(spec(t, AckPolicy.ACK, "qos", "1"), sink);
        AtomicReference<String> violation = new AtomicReference<>();
        Thread toggler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                s.pause();
                int seen = sink.size();
                Thread.onSpinWait();
                if (sink.size() != seen) { // exact: nothing after pause() returned
                    violation.set("delivered after pause(): " + seen + " -> " + sink.size());
                }
                s.resume();
            }
        });
        toggler.start();
        try {
            for (String body : numbered(300)) {
                c.sender(null).send(TestContext.withOptions(t, body, Map.of("qos", 1)));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.size() >= 300);
        } finally {
            toggler.interrupt();
            toggler.join(5000);
        }
        s.resume();
        assertThat(violation.get()).isNull();
        assertThat(sink.bodies()).isEqualTo(numbered(300));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.0", "3.1.1"})
    void qos0MessagesBeyondReceiveMaximumAreDroppedWhilePaused(String version, MosquittoBroker broker) {
        MqttConnector c = ctx.connector(broker, version, MqttConfig.RECEIVE_MAXIMUM, "5");
        String t = topic("qos0-paused");
        RecordingSink sink = RecordingSink.acking();
        MqttSubscription s = (MqttSubscription) c.subscribe(spec(t, AckPolicy.ACK, "qos", "0"), sink);
        s.pause();
        for (String body : numbered(10)) {
            send(c, TestContext.withOptions(t, body, Map.of("qos", 0)));
        }
        send(c, TestContext.withOptions(t, "sync", Map.of("qos", 1))); // QoS 0 copies arrive before it (same connection)

        await().atMost(Duration.ofSeconds(10)).until(() -> s.buffered() == 5);
        s.resume();

        assertThat(sink.bodies()).containsExactly("m0", "m1", "m2", "m3", "m4");
    }
}
