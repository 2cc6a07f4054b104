package dev.tributary.tck.brokers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Brokers.class)
class RabbitMqBrokerSmokeTest {

    @Test
    void declarePublishGetSurvivesRestartAndStopClosesThePort(RabbitMqBroker rabbit) throws Exception {
        SmokeReport.printStart(rabbit, "first start");
        try (Connection connection = connect(rabbit); Channel channel = connection.createChannel()) {
            channel.queueDeclare("smoke", true, false, false, null);
            channel.basicPublish("", "smoke", MessageProperties.PERSISTENT_TEXT_PLAIN, bytes("got now"));
            assertEquals("got now", get(channel));
            channel.basicPublish("", "smoke", MessageProperties.PERSISTENT_TEXT_PLAIN, bytes("kept over restart"));
        }

        SmokeReport.restartOnSamePort(rabbit);
        try (Connection connection = connect(rabbit); Channel channel = connection.createChannel()) {
            assertEquals("kept over restart", get(channel), "durable queue, persistent message");
            assertNull(channel.basicGet("smoke", true), "the queue is empty again");
        }

        SmokeReport.stopClosesPort(rabbit);
    }

    private static Connection connect(RabbitMqBroker rabbit) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(rabbit.connectionString());
        factory.setConnectionTimeout(5_000);
        return factory.newConnection("smoke");
    }

    private static String get(Channel channel) throws Exception {
        GetResponse response = channel.basicGet("smoke", true);
        assertNotNull(response, "queue 'smoke' is empty");
        return new String(response.getBody(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
