package dev.tributary.memory;

import static dev.tributary.memory.TestContext.connector;
import static dev.tributary.memory.TestContext.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tributary.RequestTimeoutException;
import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Request/reply: unique reply address, correlation, timeout, no leak. */
class MemoryRequestReplyTest {

    private static OutboundMessage request(String address, String body, String correlationId) {
        return new OutboundMessage(address, body.getBytes(StandardCharsets.UTF_8), "text/plain", correlationId, null,
                null, null, Map.of(), Map.of());
    }

    /** Answers each request with its body upper-cased, echoing the correlation id. */
    private static RecordingSink upperCaser(MemoryConnector c) {
        return new RecordingSink(m -> {
            m.ack();
            String reply = new String(m.body(), StandardCharsets.UTF_8).toUpperCase();
            c.sender(null).send(new OutboundMessage(m.replyTo(), reply.getBytes(StandardCharsets.UTF_8), "text/plain",
                    m.correlationId(), null, null, null, Map.of("answered-by", "upper"), Map.of()));
        });
    }

    @Test
    void aReplyCompletesTheRequest() {
        MemoryConnector c = connector();
        RecordingSink service = upperCaser(c);
        c.subscribe(spec(c, "upper"), service);

        InboundMessage reply = c.request(request("upper", "hello", "c-1"), Duration.ofSeconds(5))
                .toCompletableFuture().join();

        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("HELLO");
        assertThat(reply.correlationId()).isEqualTo("c-1");
        assertThat(reply.headers()).containsEntry("answered-by", "upper");
        assertThat(service.messages.get(0).replyTo()).startsWith("_reply.");
        assertThat(c.broker().requests.size()).isZero();
    }

    @Test
    void theReplyAddressIsValidInTheSyntax() {
        MemoryConnector c = connector("syntax", "mqtt");
        RecordingSink service = upperCaser(c);
        c.subscribe(spec(c, "svc/upper"), service);

        c.request(request("svc/upper", "x", "c-1"), Duration.ofSeconds(5)).toCompletableFuture().join();

        assertThat(service.messages.get(0).replyTo()).startsWith("_reply/").doesNotContain("+", "#");
    }

    @Test
    void concurrentRequestsGetTheirOwnReplies() {
        MemoryConnector c = connector();
        c.subscribe(spec(c, "upper"), upperCaser(c));
        List<CompletableFuture<InboundMessage>> replies = new ArrayList<>();

        for (int i = 0; i < 50; i++) {
            replies.add(c.request(request("upper", "r" + i, "c" + i), Duration.ofSeconds(5)).toCompletableFuture());
        }

        for (int i = 0; i < 50; i++) {
            assertThat(new String(replies.get(i).join().body(), StandardCharsets.UTF_8)).isEqualTo("R" + i);
        }
        assertThat(c.broker().requests.size()).isZero();
    }

    @Test
    void noReplyTimesOutAndForgetsTheRequest() {
        MemoryConnector c = connector();
        c.subscribe(spec(c, "silent"), RecordingSink.acking());

        CompletableFuture<InboundMessage> reply = c.request(request("silent", "x", "c-1"), Duration.ofMillis(100))
                .toCompletableFuture();

        assertThat(c.broker().requests.size()).isEqualTo(1);
        assertThatThrownBy(reply::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("TRB-RUN031");
        assertThat(c.broker().requests.size()).isZero();
    }

    @Test
    void aLateReplyAfterTheTimeoutIsJustAMessage() {
        MemoryConnector c = connector();
        RecordingSink service = new RecordingSink(InboundMessage::ack);
        c.subscribe(spec(c, "slow"), service);
        CompletableFuture<InboundMessage> reply = c.request(request("slow", "x", "c-1"), Duration.ofMillis(50))
                .toCompletableFuture();
        await().atMost(Duration.ofSeconds(5)).until(reply::isDone);

        InboundMessage req = service.messages.get(0);
        c.sender(null).send(new OutboundMessage(req.replyTo(), new byte[0], null, req.correlationId(), null, null,
                null, Map.of(), Map.of())).toCompletableFuture().join();

        assertThat(reply).isCompletedExceptionally();
        assertThat(c.broker().requests.size()).isZero();
    }

    @Test
    void aCallerChosenReplyAddressIsMatchedByCorrelationId() {
        MemoryConnector c = connector();
        RecordingSink service = new RecordingSink(InboundMessage::ack);
        c.subscribe(spec(c, "svc"), service);
        OutboundMessage req = new OutboundMessage("svc", new byte[0], null, "mine", "my.replies", null, null, Map.of(),
                Map.of());
        CompletableFuture<InboundMessage> reply = c.request(req, Duration.ofSeconds(5)).toCompletableFuture();

        c.sender(null).send(new OutboundMessage("my.replies", "other".getBytes(), null, "not-mine", null, null, null,
                Map.of(), Map.of()));
        assertThat(reply).isNotDone();
        c.sender(null).send(new OutboundMessage("my.replies", "ok".getBytes(), null, "mine", null, null, null,
                Map.of(), Map.of()));

        assertThat(new String(reply.join().body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        assertThat(service.messages.get(0).replyTo()).isEqualTo("my.replies");
    }

    @Test
    void aRequestToAWildcardFailsAtOnceWithoutLeaking() {
        MemoryConnector c = connector();

        CompletableFuture<InboundMessage> reply = c.request(request("svc.*", "x", "c-1"), Duration.ofSeconds(30))
                .toCompletableFuture();

        assertThatThrownBy(reply::join).hasMessageContaining("TRB-MEM001");
        assertThat(c.broker().requests.size()).isZero();
    }

    @Test
    void closingFailsWaitingRequests() {
        MemoryConnector c = connector();
        CompletableFuture<InboundMessage> reply = c.request(request("nobody", "x", "c-1"), Duration.ofSeconds(30))
                .toCompletableFuture();

        c.close(Duration.ZERO);

        assertThatThrownBy(reply::join).hasMessageContaining("TRB-MEM005");
        assertThat(c.broker().requests.size()).isZero();
    }
}
