package dev.tributary.mqtt;

import static dev.tributary.mqtt.TestContext.spec;
import static dev.tributary.mqtt.TestContext.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.AckPolicy;
import dev.tributary.RequestTimeoutException;
import dev.tributary.TributaryException;
import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.OutboundMessage;
import dev.tributary.tck.brokers.Brokers;
import dev.tributary.tck.brokers.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Request/reply: 5.0 through Response Topic + Correlation Data, 3.1.1 only with an agreed reply topic. */
@ExtendWith(Brokers.class)
class MqttRequestReplyTest {

    private final TestContext ctx = new TestContext();

    @AfterEach
    void close() {
        ctx.close();
    }

    /** Answers every request on its reply topic, echoing the correlation id (what the runtime does for handlers). */
    private static void respond(MqttConnector responder, String topic, String replyTopicOverride) {
        responder.subscribe(spec(topic, AckPolicy.ACK), new RecordingSink(m -> {
            String replyTo = replyTopicOverride != null ? replyTopicOverride : m.replyTo();
            responder.sender(null).send(new OutboundMessage(replyTo,
                    ("echo:" + new String(m.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8),
                    "text/plain", m.correlationId(), null, null, null, Map.of(), Map.of()));
            m.ack();
        }));
    }

    private static OutboundMessage request(String topic, String body, String replyTo) {
        return new OutboundMessage(topic, body.getBytes(StandardCharsets.UTF_8), "text/plain",
                UUID.randomUUID().toString(), replyTo, null, null, Map.of(), Map.of());
    }

    @Test
    void hundredConcurrentRequestsEachGetTheirOwnReply(MosquittoBroker broker) {
        MqttConnector requester = ctx.connector(broker, "5.0");
        MqttConnector responder = ctx.connector(broker, "5.0");
        String t = topic("rpc");
        respond(responder, t, null);

        List<CompletableFuture<InboundMessage>> replies = new ArrayList<>();
        List<OutboundMessage> requests = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            OutboundMessage r = request(t, "q" + i, null);
            requests.add(r);
            replies.add(requester.request(r, Duration.ofSeconds(10)).toCompletableFuture());
        }

        for (int i = 0; i < 100; i++) {
            InboundMessage reply = replies.get(i).orTimeout(15, TimeUnit.SECONDS).join();
            assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("echo:q" + i);
            assertThat(reply.correlationId()).isEqualTo(requests.get(i).correlationId());
        }
        assertThat(requester.requests().size()).as("nothing left waiting").isZero();
        assertThat(requester.requests().replySubscriptions()).containsOnlyKeys(requester.requests().replyTopic);
    }

    @Test
    void aRequestNobodyAnswersTimesOutAndLeavesNothingBehind(MosquittoBroker broker) {
        MqttConnector requester = ctx.connector(broker, "5.0");

        var reply = requester.request(request(topic("nobody"), "hello?", null), Duration.ofMillis(300))
                .toCompletableFuture();

        assertThatThrownBy(() -> reply.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("TRB-RUN031");
        assertThat(requester.requests().size()).isZero();
    }

    @Test
    void mqtt311NeedsAnExplicitReplyTopic(MosquittoBroker broker) {
        MqttConnector requester = ctx.connector(broker, "3.1.1");

        assertThatThrownBy(() -> requester.request(request(topic("v3"), "x", null), Duration.ofSeconds(1))
                .toCompletableFuture().join()).cause()
                .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo("TRB-MQT011"));
    }

    @Test
    void mqtt311WorksWithAnAgreedReplyTopicOneRequestAtATime(MosquittoBroker broker) {
        MqttConnector requester = ctx.connector(broker, "3.1.1");
        MqttConnector responder = ctx.connector(broker, "3.1.1");
        String t = topic("v3-rpc");
        String replies = topic("v3-replies");
        respond(responder, t, replies);

        var first = requester.request(request(t, "one", replies), Duration.ofSeconds(10)).toCompletableFuture();
        var second = requester.request(request(t, "two", replies), Duration.ofSeconds(10)).toCompletableFuture();

        assertThat(new String(first.orTimeout(10, TimeUnit.SECONDS).join().body(), StandardCharsets.UTF_8))
                .isEqualTo("echo:one");
        assertThatThrownBy(second::join).cause()
                .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo("TRB-MQT012"));
    }
}
