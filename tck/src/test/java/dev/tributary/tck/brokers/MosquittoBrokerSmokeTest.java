package dev.tributary.tck.brokers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Brokers.class)
class MosquittoBrokerSmokeTest {

    @Test
    void mqtt5RoundTripSurvivesRestartAndStopClosesThePort(MosquittoBroker mosquitto) throws Exception {
        SmokeReport.printStart(mosquitto, "first start");
        assertEquals("round trip one", roundTrip(mosquitto, "round trip one"));

        SmokeReport.restartOnSamePort(mosquitto);
        assertEquals("round trip two", roundTrip(mosquitto, "round trip two"));

        SmokeReport.stopClosesPort(mosquitto);
    }

    private static String roundTrip(MosquittoBroker mosquitto, String text) throws InterruptedException {
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("smoke-" + System.nanoTime())
                .serverHost(mosquitto.host()).serverPort(mosquitto.port()).buildBlocking();
        Mqtt5ConnAck connAck = client.connect();
        try {
            assertEquals(Integer.parseInt(MosquittoBroker.DEFAULT_MAX_INFLIGHT_MESSAGES),
                    connAck.getRestrictions().getReceiveMaximum(),
                    "the broker advertises the deliberately configured max_inflight_messages");
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
                client.subscribeWith().topicFilter("smoke/#").qos(MqttQos.AT_LEAST_ONCE).send();
                client.publishWith().topic("smoke/one").qos(MqttQos.AT_LEAST_ONCE)
                        .payload(text.getBytes(StandardCharsets.UTF_8)).send();
                Optional<Mqtt5Publish> received = publishes.receive(5, TimeUnit.SECONDS);
                assertTrue(received.isPresent(), "no message within 5 s");
                return new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            client.disconnect();
        }
    }
}
