package dev.tributary.memory;

import static dev.tributary.memory.TestContext.connector;
import static dev.tributary.memory.TestContext.send;
import static dev.tributary.memory.TestContext.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.spi.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** pause()/resume() are exact: after pause() returns nothing reaches the sink until resume(). */
class MemoryPauseTest {

    @Test
    void pausedSubscriptionQueuesAndResumeDeliversInOrder() {
        MemoryConnector c = connector();
        RecordingSink sink = RecordingSink.acking();
        Subscription s = c.subscribe(spec(c, "a"), sink);
        send(c, "a", "0");

        s.pause();
        send(c, "a", "1");
        send(c, "a", "2");
        assertThat(sink.bodies()).containsExactly("0");

        s.resume();
        assertThat(sink.bodies()).containsExactly("0", "1", "2");
    }

    @Test
    void pauseCalledFromInsideTheSinkStopsTheNextDelivery() {
        MemoryConnector c = connector();
        AtomicReference<Subscription> sub = new AtomicReference<>();
        RecordingSink sink = new RecordingSink(m -> {
            m.ack();
            sub.get().pause(); // what a runtime does when its in-flight bound is reached
        });
        sub.set(c.subscribe(spec(c, "a"), sink));
        sub.get().pause();
        for (int i = 0; i < 3; i++) {
            send(c, "a", "m" + i);
        }

        sub.get().resume();
        assertThat(sink.bodies()).containsExactly("m0");
        sub.get().resume();
        assertThat(sink.bodies()).containsExactly("m0", "m1");
    }

    @Test
    void theOtherGroupMemberTakesOverWhileOneIsPaused() {
        MemoryConnector c = connector();
        RecordingSink a = RecordingSink.acking();
        RecordingSink b = RecordingSink.acking();
        Subscription sa = c.subscribe(spec(c, "a", "group", "g"), a);
        c.subscribe(spec(c, "a", "group", "g"), b);

        sa.pause();
        for (int i = 0; i < 4; i++) {
            send(c, "a", "m" + i);
        }

        assertThat(a.size()).isZero();
        assertThat(b.size()).isEqualTo(4);
    }

    @Test
    void nothingArrivesAfterPauseReturnsWhileAnotherThreadPublishes() throws Exception {
        MemoryConnector c = connector();
        AtomicBoolean paused = new AtomicBoolean();
        AtomicInteger violations = new AtomicInteger();
        RecordingSink sink = new RecordingSink(m -> {
            if (paused.get()) {
                violations.incrementAndGet();
            }
            m.ack();
        });
        Subscription s = c.subscribe(spec(c, "a"), sink);
        int total = 200_000;
        Thread publisher = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                send(c, "a", Integer.toString(i));
            }
        });
        publisher.start();

        int rounds = 0;
        while (publisher.isAlive() && rounds < 2_000) {
            s.pause();
            paused.set(true);
            int seen = sink.size();
            Thread.onSpinWait();
            assertThat(sink.size()).isEqualTo(seen);
            paused.set(false);
            s.resume();
            rounds++;
        }
        publisher.join(30_000);
        s.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.size() == total);
        assertThat(violations.get()).isZero();
        List<String> bodies = sink.bodies();
        for (int i = 0; i < total; i++) {
            assertThat(bodies.get(i)).isEqualTo(Integer.toString(i));
        }
        assertThat(sink.maxConcurrent.get()).isEqualTo(1);
        assertThat(rounds).isPositive();
    }

    @Test
    void resumeOnAnotherThreadDrainsThere() throws Exception {
        MemoryConnector c = connector();
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        Subscription s = c.subscribe(spec(c, "a"), new RecordingSink(m -> threads.add(Thread.currentThread())));
        s.pause();
        send(c, "a", "x");

        Thread resumer = new Thread(s::resume);
        resumer.start();
        resumer.join(10_000);

        assertThat(threads).containsExactly(resumer);
    }
}
