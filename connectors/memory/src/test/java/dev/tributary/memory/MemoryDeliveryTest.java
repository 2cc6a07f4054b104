package dev.tributary.memory;

import static dev.tributary.memory.TestContext.connector;
import static dev.tributary.memory.TestContext.send;
import static dev.tributary.memory.TestContext.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Fan-out, consumer groups, what a message carries, and the delivery thread. */
class MemoryDeliveryTest {

    @Test
    void everySubscriptionWithoutGroupGetsEveryMessage() {
        MemoryConnector c = connector();
        RecordingSink a = RecordingSink.acking();
        RecordingSink b = RecordingSink.acking();
        c.subscribe(spec(c, "orders"), a);
        c.subscribe(spec(c, "orders"), b);

        for (int i = 0; i < 5; i++) {
            send(c, "orders", "o" + i);
        }

        assertThat(a.bodies()).containsExactly("o0", "o1", "o2", "o3", "o4");
        assertThat(b.bodies()).containsExactly("o0", "o1", "o2", "o3", "o4");
    }

    @Test
    void subscriptionsOfOneGroupShareTheMessages() {
        MemoryConnector c = connector();
        RecordingSink a = RecordingSink.acking();
        RecordingSink b = RecordingSink.acking();
        RecordingSink other = RecordingSink.acking();
        c.subscribe(spec(c, "orders", "group", "billing"), a);
        c.subscribe(spec(c, "orders", "group", "billing"), b);
        c.subscribe(spec(c, "orders", "group", "shipping"), other);

        for (int i = 0; i < 10; i++) {
            send(c, "orders", "o" + i);
        }

        assertThat(a.size() + b.size()).isEqualTo(10);
        assertThat(a.size()).isEqualTo(5); // round robin
        List<String> all = new ArrayList<>(a.bodies());
        all.addAll(b.bodies());
        assertThat(all).containsExactlyInAnyOrder("o0", "o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9");
        assertThat(other.size()).isEqualTo(10);
    }

    @Test
    void theConnectorGroupIsTheDefaultOfSubscriptionsWithoutOne() {
        MemoryConnector c = connector("group", "app");
        RecordingSink a = RecordingSink.acking();
        RecordingSink b = RecordingSink.acking();
        c.subscribe(spec(c, "orders"), a);
        c.subscribe(spec(c, "orders"), b);

        for (int i = 0; i < 4; i++) {
            send(c, "orders", "o" + i);
        }

        assertThat(a.size()).isEqualTo(2);
        assertThat(b.size()).isEqualTo(2);
    }

    @Test
    void aGroupQueueKeepsMessagesPublishedWhileNobodyIsSubscribed() {
        MemoryConnector c = connector();
        var first = c.subscribe(spec(c, "orders", "group", "g"), RecordingSink.acking());
        first.stop();

        send(c, "orders", "while-away");
        RecordingSink later = RecordingSink.acking();
        c.subscribe(spec(c, "orders", "group", "g"), later);

        assertThat(later.bodies()).containsExactly("while-away");
    }

    @Test
    void sameKeyGoesToTheSameGroupMember() {
        MemoryConnector c = connector();
        RecordingSink a = RecordingSink.acking();
        RecordingSink b = RecordingSink.acking();
        c.subscribe(spec(c, "orders", "group", "g"), a);
        c.subscribe(spec(c, "orders", "group", "g"), b);

        for (int i = 0; i < 20; i++) {
            String key = "k" + (i % 4);
            c.sender(null).send(new OutboundMessage("orders", ("" + i).getBytes(StandardCharsets.UTF_8), null, "c" + i,
                    null, null, key, Map.of(), Map.of()));
        }

        for (RecordingSink s : List.of(a, b)) {
            for (InboundMessage m : s.messages) {
                RecordingSink otherSink = s == a ? b : a;
                assertThat(otherSink.messages).noneMatch(o -> o.key().equals(m.key()));
            }
        }
        assertThat(a.size() + b.size()).isEqualTo(20);
        // and in publish order per key
        for (RecordingSink s : List.of(a, b)) {
            Map<String, Integer> last = new LinkedHashMap<>();
            for (InboundMessage m : s.messages) {
                int n = Integer.parseInt(new String(m.body(), StandardCharsets.UTF_8));
                assertThat(n).isGreaterThan(last.getOrDefault(m.key(), -1));
                last.put(m.key(), n);
            }
        }
    }

    @Test
    void everyPartOfTheMessageArrives() {
        MemoryConnector c = connector("syntax", "mqtt");
        RecordingSink sink = RecordingSink.acking();
        c.subscribe(spec(c, "shop/+/orders"), sink);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("tenant", "acme");
        headers.put("trace", "t-1");
        byte[] body = {1, 2, 3};

        c.sender(null).send(new OutboundMessage("shop/eu/orders", body, "application/octet-stream", "corr-1",
                "replies/1", "msg-1", "key-1", headers, Map.of())).toCompletableFuture().join();

        InboundMessage m = sink.messages.get(0);
        assertThat(m.body()).containsExactly(1, 2, 3);
        assertThat(m.headers()).containsExactlyEntriesOf(headers);
        assertThat(m.contentType()).isEqualTo("application/octet-stream");
        assertThat(m.correlationId()).isEqualTo("corr-1");
        assertThat(m.replyTo()).isEqualTo("replies/1");
        assertThat(m.messageId()).isEqualTo("msg-1");
        assertThat(m.key()).isEqualTo("key-1");
        assertThat(m.address()).isEqualTo("shop/eu/orders");
        assertThat(m.metadata()).isInstanceOfSatisfying(MemoryMetadata.class, meta -> {
            assertThat(meta.address()).isEqualTo("shop/eu/orders");
            assertThat(meta.redeliveryCount()).isZero();
            assertThat(meta.sequence()).isPositive();
            assertThat(meta.timestampMillis()).isCloseTo(System.currentTimeMillis(),
                    org.assertj.core.data.Offset.offset(60_000L));
        });
        assertThat(c.metadataTypes()).containsExactly(MemoryMetadata.class);
    }

    @Test
    void theHeadersOfTheMessageAreACopyOfThePublishersMap() {
        MemoryConnector c = connector();
        RecordingSink sink = RecordingSink.acking();
        c.subscribe(spec(c, "a"), sink);
        Map<String, String> headers = new LinkedHashMap<>(Map.of("h", "1"));

        c.sender(null).send(new OutboundMessage("a", new byte[0], null, "c", null, null, null, headers, Map.of()));
        headers.put("h", "changed");

        assertThat(sink.messages.get(0).headers()).containsExactly(Map.entry("h", "1"));
        assertThat(sink.messages.get(0).body()).isEmpty();
    }

    @Test
    void sequenceNumbersFollowPublishOrder() {
        MemoryConnector c = connector();
        RecordingSink sink = RecordingSink.acking();
        c.subscribe(spec(c, "a"), sink);

        send(c, "a", "1");
        send(c, "a", "2");

        long s1 = ((MemoryMetadata) sink.messages.get(0).metadata()).sequence();
        long s2 = ((MemoryMetadata) sink.messages.get(1).metadata()).sequence();
        assertThat(s2).isGreaterThan(s1);
    }

    @Test
    void deliveryHappensOnThePublishingThread() {
        MemoryConnector c = connector();
        List<Thread> threads = new ArrayList<>();
        c.subscribe(spec(c, "a"), new RecordingSink(m -> threads.add(Thread.currentThread())));

        send(c, "a", "x");

        assertThat(threads).containsExactly(Thread.currentThread());
    }

    @Test
    void concurrentPublishersNeverDeliverToOneSubscriptionAtOnce() throws Exception {
        MemoryConnector c = connector();
        RecordingSink sink = new RecordingSink(m -> {
            m.ack();
            Thread.onSpinWait();
        });
        c.subscribe(spec(c, "a"), sink);
        int threads = 4;
        int each = 20_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> publishers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread p = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    send(c, "a", id + ":" + i);
                }
            });
            p.start();
            publishers.add(p);
        }
        go.countDown();
        for (Thread p : publishers) {
            p.join(TimeUnit.SECONDS.toMillis(30));
        }

        assertThat(sink.size()).isEqualTo(threads * each);
        assertThat(sink.maxConcurrent.get()).isEqualTo(1);
        // per publisher, in publish order
        int[] last = new int[threads];
        java.util.Arrays.fill(last, -1);
        for (String b : sink.bodies()) {
            String[] parts = b.split(":");
            int t = Integer.parseInt(parts[0]);
            int i = Integer.parseInt(parts[1]);
            assertThat(i).isEqualTo(last[t] + 1);
            last[t] = i;
        }
    }
}
