package dev.tributary.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MqttSubscription} without a broker: the client's event loop (here: the test thread) must never wait for the
 * delivery lock another thread holds, and what it hands over meanwhile keeps its order and the pause.
 */
class MqttSubscriptionInboxTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch blocked = new CountDownLatch(1);
    /**
     * Threads of their own: the common pool may have a single thread on a 2-core machine (JDK 25 runs
     * {@code runAsync} there), which the blocked first delivery would take.
     */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void unblock() {
        release.countDown();
        threads.shutdownNow();
    }

    /** A sink that blocks inside onMessage on its first message until {@link #release}, holding the delivery lock. */
    private RecordingSink blockingOnFirst() {
        AtomicInteger n = new AtomicInteger();
        return new RecordingSink(m -> {
            if (n.getAndIncrement() == 0) {
                blocked.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    @Test
    void anArrivalDoesNotWaitForAnotherThreadsDeliveryAndKeepsItsOrder() throws Exception {
        RecordingSink sink = blockingOnFirst();
        MqttSubscription s = new MqttSubscription(null, "t/#", 1, sink, 100, false);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> s.onPublish(message("1")), threads);
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> {
            s.onPublish(message("2"));
            s.onPublish(message("3"));
        }, threads);
        // before the inbox, these calls waited for the lock until the first delivery ended
        await().atMost(Duration.ofSeconds(5)).until(next::isDone);
        assertThat(sink.bodies()).containsExactly("1");

        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.size() == 3);
        assertThat(sink.bodies()).containsExactly("1", "2", "3");
    }

    @Test
    void whatArrivedWhileAPauseWaitedIsHeldNotDelivered() throws Exception {
        RecordingSink sink = blockingOnFirst();
        MqttSubscription s = new MqttSubscription(null, "t/#", 1, sink, 100, false);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> s.onPublish(message("1")), threads);
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        s.onPublish(message("2")); // lock taken: queued for the holder

        CompletableFuture<Void> pause = CompletableFuture.runAsync(s::pause, threads);
        await().atMost(Duration.ofSeconds(5)).until(s::isPaused);
        assertThat(pause).isNotDone(); // waits for the delivery in progress
        release.countDown();
        pause.get(10, TimeUnit.SECONDS);
        first.get(10, TimeUnit.SECONDS);

        assertThat(sink.bodies()).containsExactly("1");
        assertThat(s.buffered()).isEqualTo(1);
        s.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.size() == 2);
        assertThat(sink.bodies()).containsExactly("1", "2");
        assertThat(s.buffered()).isZero();
    }

    private static MqttInbound message(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new MqttInbound(true) {
            @Override
            byte[] readBody() {
                return bytes.clone();
            }

            @Override
            String readTopic() {
                return "t/" + body;
            }

            @Override
            MqttMetadata readMetadata() {
                return new MqttMetadata(readTopic(), 1, false, MqttConfig.V5, null, null, null, null, List.of(), null);
            }

            @Override
            void acknowledgeAtClient() {
            }

            @Override
            int qos() {
                return 1;
            }

            @Override
            public Map<String, String> headers() {
                return Map.of();
            }

            @Override
            public String contentType() {
                return null;
            }

            @Override
            public String correlationId() {
                return null;
            }

            @Override
            public String replyTo() {
                return null;
            }
        };
    }
}
