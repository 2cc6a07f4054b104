package dev.tributary.tck.brokers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Brokers.class)
class NatsBrokerSmokeTest {

    @Test
    void publishSubscribeAndJetStreamSurviveRestart(NatsBroker nats) throws Exception {
        SmokeReport.printStart(nats, "first start");
        try (Connection connection = connect(nats)) {
            assertEquals("core one", roundTrip(connection, "core one"));
            JetStreamManagement management = connection.jetStreamManagement();
            management.addStream(StreamConfiguration.builder().name("SMOKE").subjects("smoke.js.>")
                    .storageType(StorageType.File).build());
            PublishAck ack = connection.jetStream().publish("smoke.js.a", bytes("stored one"));
            assertEquals(1, ack.getSeqno());
        }

        SmokeReport.restartOnSamePort(nats);
        try (Connection connection = connect(nats)) {
            assertEquals("core two", roundTrip(connection, "core two"));
            assertEquals(1, connection.jetStreamManagement().getStreamInfo("SMOKE").getStreamState().getMsgCount(),
                    "the file-backed stream keeps its message across restarts");
            PublishAck ack = connection.jetStream().publish("smoke.js.b", bytes("stored two"));
            assertEquals(2, ack.getSeqno());
        }

        SmokeReport.stopClosesPort(nats);
    }

    private static Connection connect(NatsBroker nats) throws Exception {
        return Nats.connect(new Options.Builder().server(nats.connectionString())
                .connectionTimeout(Duration.ofSeconds(5)).build());
    }

    private static String roundTrip(Connection connection, String text) throws Exception {
        Subscription subscription = connection.subscribe("smoke.core");
        connection.flush(Duration.ofSeconds(5)); // the subscription is known to the server before publishing
        connection.publish("smoke.core", bytes(text));
        Message message = subscription.nextMessage(Duration.ofSeconds(5));
        assertNotNull(message, "no message within 5 s");
        subscription.unsubscribe();
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
