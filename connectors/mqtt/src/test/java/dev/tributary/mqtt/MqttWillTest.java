package dev.tributary.mqtt;

import static dev.tributary.mqtt.TestContext.spec;
import static dev.tributary.mqtt.TestContext.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import dev.tributary.AckPolicy;
import dev.tributary.spi.InboundMessage;
import dev.tributary.tck.brokers.Brokers;
import dev.tributary.tck.brokers.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The last will, with its MQTT 5 properties; triggered through the exposed HiveMQ client. */
@ExtendWith(Brokers.class)
class MqttWillTest {

    private final TestContext ctx = new TestContext();

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void theWillArrivesWithItsMqtt5Properties(MosquittoBroker broker) {
        String willTopic = topic("will");
        MqttConnector watcher = ctx.connector(broker, "5.0");
        RecordingSink sink = RecordingSink.acking();
        watcher.subscribe(spec(willTopic, AckPolicy.ACK), sink);
        MqttConnector device = ctx.connector(broker, "5.0", MqttConfig.WILL_TOPIC, willTopic,
                MqttConfig.WILL_PAYLOAD, "{\"status\":\"gone\"}", MqttConfig.WILL_QOS, "1",
                MqttConfig.WILL_CONTENT_TYPE, "application/json", MqttConfig.WILL_MESSAGE_EXPIRY, "120s");

        // "disconnect with will message" (5.0 reason code 0x04), sent through the HiveMQ client the connector exposes
        device.mqtt5Client().orElseThrow().toAsync().disconnectWith()
                .reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send().join();

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.size() == 1);
        InboundMessage will = sink.get(0);
        assertThat(new String(will.body(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"gone\"}");
        assertThat(will.contentType()).isEqualTo("application/json");
        MqttMetadata meta = (MqttMetadata) will.metadata();
        assertThat(meta.qos()).isEqualTo(1);
        assertThat(meta.messageExpirySeconds()).isNotNull().isBetween(1L, 120L);
    }

    @Test
    void anOrdinaryCloseSendsNoWill(MosquittoBroker broker) {
        String willTopic = topic("no-will");
        MqttConnector watcher = ctx.connector(broker, "5.0");
        RecordingSink sink = RecordingSink.acking();
        watcher.subscribe(spec(willTopic, AckPolicy.ACK), sink);
        MqttConnector device = ctx.connector(broker, "5.0", MqttConfig.WILL_TOPIC, willTopic,
                MqttConfig.WILL_PAYLOAD, "gone");

        device.close(Duration.ofSeconds(1)).toCompletableFuture().join();
        TestContext.send(watcher, TestContext.text(willTopic, "marker"));

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.size() >= 1);
        assertThat(sink.bodies()).containsExactly("marker");
    }
}
