package dev.tributary.mqtt;

import static dev.tributary.mqtt.TestContext.spec;
import static dev.tributary.mqtt.TestContext.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.AckPolicy;
import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.OutboundMessage;
import dev.tributary.tck.brokers.Brokers;
import dev.tributary.tck.brokers.MosquittoBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Interop with the Mosquitto command-line clients, both ways, with the MQTT 5 properties of the wire format. */
@ExtendWith(Brokers.class)
class MqttInteropTest {

    private final TestContext ctx = new TestContext();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void close() {
        processes.forEach(Process::destroyForcibly);
        ctx.close();
    }

    private Process run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    private static String output(Process p) throws Exception {
        assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("the command finished").isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void mosquittoPubWithMqtt5PropertiesReachesAConsumer(MosquittoBroker broker) throws Exception {
        MqttConnector c = ctx.connector(broker, "5.0");
        String t = topic("from-cli");
        RecordingSink sink = RecordingSink.acking();
        c.subscribe(spec(t, AckPolicy.ACK), sink);

        Process pub = run(List.of("mosquitto_pub", "-h", broker.host(), "-p", String.valueOf(broker.port()), "-V", "5",
                "-q", "1", "-t", t, "-m", "{\"id\":\"o-1\"}",
                "-D", "publish", "content-type", "application/json",
                "-D", "publish", "user-property", "tenant", "acme",
                "-D", "publish", "response-topic", "replies/cli",
                "-D", "publish", "correlation-data", "cli-corr-1"));
        assertThat(pub.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(pub.exitValue()).as(output(pub)).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.size() == 1);
        InboundMessage m = sink.get(0);
        assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"o-1\"}");
        assertThat(m.contentType()).isEqualTo("application/json");
        assertThat(m.headers()).containsEntry("tenant", "acme");
        assertThat(m.replyTo()).isEqualTo("replies/cli");
        assertThat(m.correlationId()).isEqualTo("cli-corr-1");
    }

    @Test
    void mosquittoSubSeesTheMqtt5PropertiesWePublish(MosquittoBroker broker) throws Exception {
        MqttConnector c = ctx.connector(broker, "5.0");
        String t = topic("to-cli");
        Process sub = run(List.of("mosquitto_sub", "-h", broker.host(), "-p", String.valueOf(broker.port()), "-V", "5",
                "-q", "1", "-t", t, "-C", "1", "-W", "15", "-F", "%t|%p|%C|%R|%D|%P"));

        // publish until the subscriber (which subscribes asynchronously) got one and exited
        OutboundMessage m = new OutboundMessage(t, "grüße".getBytes(StandardCharsets.UTF_8), "text/plain", "corr-7",
                "replies/java", null, null, Map.of("tenant", "acme"), Map.of("qos", 1));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            c.sender(null).send(m).toCompletableFuture().join();
            return !sub.isAlive();
        });

        String line = output(sub).strip();
        assertThat(line).isEqualTo(t + "|grüße|text/plain|replies/java|corr-7|tenant:acme");
    }

    @Test
    void mosquittoPubOnMqtt311IsDecodedFromThePayloadAlone(MosquittoBroker broker) throws Exception {
        MqttConnector c = ctx.connector(broker, "3.1.1");
        String t = topic("from-cli-v3");
        RecordingSink sink = RecordingSink.acking();
        c.subscribe(spec(t, AckPolicy.ACK), sink);

        Process pub = run(List.of("mosquitto_pub", "-h", broker.host(), "-p", String.valueOf(broker.port()), "-V", "311",
                "-q", "1", "-t", t, "-m", "42"));
        assertThat(pub.waitFor(15, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.size() == 1);
        assertThat(new String(sink.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("42");
        assertThat(sink.get(0).contentType()).isNull();
        assertThat(((MqttMetadata) sink.get(0).metadata()).protocolVersion()).isEqualTo("3.1.1");
    }
}
