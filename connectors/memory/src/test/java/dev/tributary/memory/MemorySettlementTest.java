package dev.tributary.memory;

import static dev.tributary.memory.TestContext.connector;
import static dev.tributary.memory.TestContext.send;
import static dev.tributary.memory.TestContext.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.Subscription;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Ack, nack, reject, dead-letter, and what happens to unsettled messages when a subscription stops. */
class MemorySettlementTest {

    private static int redeliveries(InboundMessage m) {
        return ((MemoryMetadata) m.metadata()).redeliveryCount();
    }

    @Test
    void nackRedeliversAheadOfNewerMessages() {
        MemoryConnector c = connector();
        RecordingSink sink = new RecordingSink();
        c.subscribe(spec(c, "a"), sink);
        send(c, "a", "first");
        send(c, "a", "second");

        sink.messages.get(0).nack();

        assertThat(sink.bodies()).containsExactly("first", "second", "first");
        assertThat(redeliveries(sink.messages.get(2))).isEqualTo(1);
        assertThat(redeliveries(sink.messages.get(1))).isZero();
    }

    @Test
    void settlementIsIdempotentTheFirstCallWins() {
        MemoryConnector c = connector();
        RecordingSink sink = new RecordingSink();
        c.subscribe(spec(c, "a"), sink);
        send(c, "a", "x");

        InboundMessage m = sink.messages.get(0);
        m.ack().toCompletableFuture().join();
        m.nack().toCompletableFuture().join();
        m.reject().toCompletableFuture().join();

        assertThat(sink.size()).isEqualTo(1);
    }

    @Test
    void maxRedeliveriesTurnsNackIntoReject() {
        MemoryConnector c = connector("max-redeliveries", "2", "dead-letter", "dlq");
        RecordingSink sink = new RecordingSink(InboundMessage::nack);
        RecordingSink dlq = RecordingSink.acking();
        c.subscribe(spec(c, "a"), sink);
        c.subscribe(spec(c, "dlq"), dlq);

        send(c, "a", "poison");

        assertThat(sink.size()).isEqualTo(3); // first delivery + 2 redeliveries
        assertThat(dlq.bodies()).containsExactly("poison");
    }

    @Test
    void rejectDropsWithoutDeadLetterAddress() {
        MemoryConnector c = connector();
        RecordingSink sink = new RecordingSink(InboundMessage::reject);
        RecordingSink everything = RecordingSink.acking();
        c.subscribe(spec(c, "a"), sink);
        c.subscribe(spec(c, ">"), everything);

        send(c, "a", "bad");
        send(c, "a", "next");

        assertThat(sink.bodies()).containsExactly("bad", "next");
        assertThat(everything.bodies()).containsExactly("bad", "next");
    }

    @Test
    void rejectRepublishesToTheDeadLetterAddressWithHeaders() {
        MemoryConnector c = connector("dead-letter", "orders.dlq");
        RecordingSink sink = new RecordingSink(InboundMessage::reject);
        RecordingSink dlq = RecordingSink.acking();
        c.subscribe(spec(c, "orders"), sink);
        c.subscribe(spec(c, "orders.dlq"), dlq);

        c.sender(null).send(new dev.tributary.spi.OutboundMessage("orders", "bad".getBytes(), "text/plain", "c-9", null,
                null, null, java.util.Map.of("tenant", "acme"), java.util.Map.of()));

        assertThat(dlq.bodies()).containsExactly("bad");
        assertThat(dlq.messages.get(0).headers()).containsEntry("tenant", "acme");
        assertThat(dlq.messages.get(0).correlationId()).isEqualTo("c-9");
    }

    @Test
    void aSubscriptionOptionChoosesItsOwnDeadLetterAddress() {
        MemoryConnector c = connector("dead-letter", "global.dlq");
        RecordingSink dlq = RecordingSink.acking();
        RecordingSink global = RecordingSink.acking();
        c.subscribe(spec(c, "a", "dead-letter", "a.dlq"), new RecordingSink(InboundMessage::reject));
        c.subscribe(spec(c, "a.dlq"), dlq);
        c.subscribe(spec(c, "global.dlq"), global);

        send(c, "a", "bad");

        assertThat(dlq.bodies()).containsExactly("bad");
        assertThat(global.size()).isZero();
    }

    @Test
    void unsettledMessagesGoBackToTheGroupWhenASubscriptionStops() {
        MemoryConnector c = connector();
        RecordingSink first = new RecordingSink();
        Subscription sub = c.subscribe(spec(c, "jobs", "group", "workers"), first);
        send(c, "jobs", "j1");
        send(c, "jobs", "j2");
        send(c, "jobs", "j3");
        first.messages.get(0).ack();

        sub.stop().toCompletableFuture().join();
        RecordingSink second = new RecordingSink();
        c.subscribe(spec(c, "jobs", "group", "workers"), second);

        assertThat(second.bodies()).containsExactly("j2", "j3");
        assertThat(redeliveries(second.messages.get(0))).isEqualTo(1);
        // settling after stop is allowed and changes nothing
        first.messages.get(1).ack().toCompletableFuture().join();
        first.messages.get(2).nack().toCompletableFuture().join();
        assertThat(second.size()).isEqualTo(2);
    }

    @Test
    void unsettledMessagesGoToTheRemainingGroupMember() {
        MemoryConnector c = connector();
        RecordingSink leaving = new RecordingSink();
        RecordingSink staying = RecordingSink.acking();
        Subscription s1 = c.subscribe(spec(c, "jobs", "group", "w"), leaving);
        c.subscribe(spec(c, "jobs", "group", "w"), staying);
        for (int i = 0; i < 4; i++) {
            send(c, "jobs", "j" + i);
        }
        assertThat(leaving.size()).isEqualTo(2);

        s1.stop();

        assertThat(staying.bodies()).containsExactlyInAnyOrder("j0", "j1", "j2", "j3");
    }

    @Test
    void stopIsIdempotentAndStopsDelivery() {
        MemoryConnector c = connector();
        RecordingSink sink = RecordingSink.acking();
        Subscription s = c.subscribe(spec(c, "a"), sink);
        s.stop().toCompletableFuture().join();
        s.stop().toCompletableFuture().join();

        send(c, "a", "x");

        assertThat(sink.size()).isZero();
    }

    @Test
    void nackInsideTheSinkDoesNotRecurse() {
        MemoryConnector c = connector("max-redeliveries", "1000");
        AtomicInteger depth = new AtomicInteger();
        AtomicInteger maxDepth = new AtomicInteger();
        RecordingSink sink = new RecordingSink(m -> {
            maxDepth.accumulateAndGet(depth.incrementAndGet(), Math::max);
            m.nack();
            depth.decrementAndGet();
        });
        c.subscribe(spec(c, "a"), sink);

        send(c, "a", "x");

        assertThat(sink.size()).isEqualTo(1001);
        assertThat(maxDepth.get()).isEqualTo(1);
    }
}
