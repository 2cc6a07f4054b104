package dev.tributary.outbox;

import static dev.tributary.outbox.testing.OutboxEnvironment.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.Incoming;
import dev.tributary.RejectMessage;
import dev.tributary.outbox.testing.OutboxEnvironment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The failure side: a foreign publish that fails (the relay handler's stage fails, as a broker that is down makes
 * it) nacks the row; it is retried with backoff, becomes DEAD after the maximum attempts with the last error kept,
 * and a replay delivers it once the broker is back. A reject makes a row DEAD at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetryAndDeadTest {

    /** One delivery attempt as the relay saw it. */
    record Attempt(String body, int attempts, long atMillis) {
    }

    @ApplicationScoped
    public static class Writer {
        @Inject
        Outbox outbox;

        @Transactional
        public String write(String body) {
            return outbox.publish(body, "payments");
        }
    }

    /** Relays to a "broker" that is down while {@code down} is set. */
    @ApplicationScoped
    public static class FlakyRelay {
        private volatile boolean down = true;
        private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        private final List<String> delivered = new CopyOnWriteArrayList<>();

        public void down(boolean value) {
            down = value;
        }

        public List<Attempt> attempts() {
            return attempts;
        }

        public List<String> delivered() {
            return delivered;
        }

        @Incoming(value = "payments", connector = "outbox")
        public CompletionStage<Void> relay(String body, OutboxMetadata meta) {
            attempts.add(new Attempt(body, meta.attempts(), System.currentTimeMillis()));
            if (body.startsWith("poison")) {
                throw new RejectMessage("poison payload");
            }
            if (down) {
                return CompletableFuture.failedFuture(new IllegalStateException("broker unavailable"));
            }
            delivered.add(body);
            return CompletableFuture.completedFuture(null);
        }
    }

    OutboxEnvironment env;
    FlakyRelay relay;
    OutboxAdmin admin;

    @BeforeAll
    void start() {
        env = OutboxEnvironment.start(OutboxEnvironment.Database.H2, config(
                "tributary.connectors.outbox.type", "outbox",
                "tributary.connectors.outbox.ack-policy", "nack-on-error",
                "tributary.connectors.outbox.poll-interval", "50ms",
                "tributary.connectors.outbox.retry.initial-delay", "100ms",
                "tributary.connectors.outbox.retry.multiplier", "2",
                "tributary.connectors.outbox.retry.jitter", "0",
                "tributary.connectors.outbox.retry.max-attempts", "4"), Writer.class, FlakyRelay.class);
        relay = env.bean(FlakyRelay.class);
        admin = env.bean(OutboxAdmin.class);
    }

    @AfterAll
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void retriedWithBackoffThenDeadThenReplayed() {
        relay.down(true);
        String id = env.bean(Writer.class).write("pay-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.deadCount("payments") == 1);
        List<Attempt> seen = relay.attempts().stream().filter(a -> a.body().equals("pay-1")).toList();
        assertThat(seen).extracting(Attempt::attempts).containsExactly(0, 1, 2, 3);
        // exponential: ≥ 100, 200, 400 ms between attempts (no jitter)
        for (int i = 1; i < seen.size(); i++) {
            long gap = seen.get(i).atMillis() - seen.get(i - 1).atMillis();
            assertThat(gap).as("gap before attempt %d", i).isGreaterThanOrEqualTo(100L << (i - 1));
        }
        List<OutboxAdmin.DeadRow> dead = admin.dead("payments", 10);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).id()).isEqualTo(id);
        assertThat(dead.get(0).attempts()).isEqualTo(4);
        assertThat(dead.get(0).lastError()).contains("broker unavailable").contains("gave up after 4 attempts");
        assertThat(admin.pending("payments")).isZero();

        relay.down(false); // the broker is back
        assertThat(admin.replay(id)).isTrue();
        assertThat(admin.replay(id)).isFalse(); // not dead any more
        await().atMost(Duration.ofSeconds(5)).until(() -> relay.delivered().contains("pay-1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> env.count("SELECT COUNT(*) FROM tributary_outbox") == 0);
        assertThat(relay.attempts().stream().filter(a -> a.body().equals("pay-1")).toList()).last()
                .extracting(Attempt::attempts).isEqualTo(0);
        assertThat(relay.delivered()).filteredOn("pay-1"::equals).hasSize(1);
    }

    @Test
    void rowsWaitWhileTheBrokerIsDownAndFlowWhenItReturns() {
        relay.down(true);
        Writer writer = env.bean(Writer.class);
        for (int i = 0; i < 5; i++) {
            writer.write("wait-" + i);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> relay.attempts().stream()
                .filter(a -> a.body().startsWith("wait-") && a.attempts() >= 1).count() >= 5);
        assertThat(relay.delivered()).noneMatch(b -> b.startsWith("wait-"));
        relay.down(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.delivered().stream().filter(b -> b.startsWith("wait-"))
                .count() == 5);
        assertThat(admin.deadCount("payments")).isZero();
    }

    @Test
    void rejectedRowIsDeadAtOnceAndReplayAllRevivesTheQueue() {
        relay.down(false);
        env.bean(Writer.class).write("poison-1");
        env.bean(Writer.class).write("poison-2");
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.deadCount("payments") == 2);
        assertThat(relay.attempts().stream().filter(a -> a.body().startsWith("poison")).count()).isEqualTo(2);
        assertThat(admin.dead("payments", 10)).allSatisfy(d -> {
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).contains("rejected").contains("poison payload");
        });
        assertThat(admin.replayAll("payments")).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> relay.attempts().stream()
                .filter(a -> a.body().startsWith("poison")).count() == 4);
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.deadCount("payments") == 2);
        env.execute("DELETE FROM tributary_outbox WHERE status = 'DEAD'");
    }
}
