package dev.tributary.outbox;

import static dev.tributary.outbox.testing.OutboxEnvironment.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.Incoming;
import dev.tributary.Message;
import dev.tributary.outbox.testing.OutboxEnvironment;
import dev.tributary.outbox.testing.Received;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which path delivers: with a poll interval far beyond the test's deadline only the fast path (ids handed over
 * after commit) can deliver; with the fast path off, the poller delivers; rows written by "another node" (plain
 * SQL, no commit hook here) and rows whose lease expired are picked up by the poller.
 */
class FastPathAndPollerTest {

    @ApplicationScoped
    public static class Writer {
        @Inject
        Outbox outbox;

        @Transactional
        public void write(String body, String queue) {
            outbox.publish(body, queue);
        }
    }

    @ApplicationScoped
    public static class Sink {
        @Inject
        Received received;

        @Incoming(value = "jobs", connector = "outbox")
        void on(String body, Message<String> m) {
            received.add("jobs", body, m);
        }
    }

    /** Acks each message 2.5 s after it arrived: longer than the 1 s lease. */
    @ApplicationScoped
    public static class SlowRelay {
        @Inject
        Received received;
        private final java.util.concurrent.ScheduledExecutorService later =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

        @Incoming(value = "slow-jobs", connector = "outbox", ackPolicy = dev.tributary.AckPolicy.MANUAL)
        void on(String body, Message<String> m) {
            received.add("slow-jobs", body, m);
            later.schedule(m::ack, 2500, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void leasesOfSlowRelaysAreRenewedSoTheRowIsNotClaimedAgain() {
        try (OutboxEnvironment env = OutboxEnvironment.start(OutboxEnvironment.Database.H2, config(
                "tributary.connectors.outbox.type", "outbox",
                "tributary.connectors.outbox.lease", "1s",
                "tributary.connectors.outbox.poll-interval", "100ms"), Writer.class, SlowRelay.class, Received.class)) {
            Received received = env.bean(Received.class);
            env.bean(Writer.class).write("slow-1", "slow-jobs");
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
            long lease0 = env.count("SELECT lease_until FROM tributary_outbox");
            assertThat(env.count("SELECT COUNT(*) FROM tributary_outbox WHERE lease_token IS NOT NULL")).isEqualTo(1);
            // for 1.8 s (past the 1 s lease) nobody claims it again: same token, lease pushed forward
            String token = token(env);
            await().during(Duration.ofMillis(1800)).atMost(Duration.ofSeconds(3)).until(() -> token.equals(token(env)));
            assertThat(env.count("SELECT lease_until FROM tributary_outbox")).isGreaterThan(lease0);
            await().atMost(Duration.ofSeconds(6)).until(() -> env.count("SELECT COUNT(*) FROM tributary_outbox") == 0);
            // the ack came 2.5 s after delivery, well past the 1 s lease: only the renewals kept the row ours
            assertThat(received.bodies()).containsExactly("slow-1");
        }
    }

    private static String token(OutboxEnvironment env) {
        try (java.sql.Connection c = env.connect(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT lease_token FROM tributary_outbox")) {
            return rs.next() ? String.valueOf(rs.getString(1)) : "gone";
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void fastPathDeliversCommittedRowsWithoutWaitingForThePoller() {
        try (OutboxEnvironment env = OutboxEnvironment.start(OutboxEnvironment.Database.H2, config(
                "tributary.connectors.outbox.type", "outbox",
                "tributary.connectors.outbox.poll-interval", "1h"), Writer.class, Sink.class, Received.class)) {
            Writer writer = env.bean(Writer.class);
            Received received = env.bean(Received.class);
            List<Long> micros = new ArrayList<>();
            List<Long> commitMicros = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                long t0 = System.nanoTime();
                writer.write("job-" + i, "jobs");
                commitMicros.add((System.nanoTime() - t0) / 1000);
                int want = i + 1;
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                        .until(() -> received.size() >= want);
                micros.add((System.nanoTime() - t0) / 1000);
            }
            Collections.sort(micros);
            Collections.sort(commitMicros);
            System.out.println("commit latency: p50 " + commitMicros.get(25) + " µs");
            System.out.println("commit-to-handler latency (H2, fast path): p50 " + micros.get(25) + " µs, max "
                    + micros.get(49) + " µs");
            assertThat(received.bodies()).hasSize(50).doesNotHaveDuplicates();
            await().atMost(Duration.ofSeconds(5)).until(() -> env.count("SELECT COUNT(*) FROM tributary_outbox") == 0);
        }
    }

    @Test
    void pollerDeliversWhenTheFastPathIsOffAndRowsOfOtherNodesAndExpiredLeases() {
        try (OutboxEnvironment env = OutboxEnvironment.start(OutboxEnvironment.Database.H2, config(
                "tributary.connectors.outbox.type", "outbox",
                "tributary.connectors.outbox.fast-path", "false",
                "tributary.connectors.outbox.poll-interval", "300ms"), Writer.class, Sink.class, Received.class)) {
            Writer writer = env.bean(Writer.class);
            Received received = env.bean(Received.class);
            writer.write("by-poller", "jobs");
            long now = System.currentTimeMillis();
            env.execute("INSERT INTO tributary_outbox (id, queue, payload, content_type, status, attempts, next_attempt,"
                    + " created) VALUES ('00000000000000000000000000000001', 'jobs', X'6f74686572', 'text/plain',"
                    + " 'PENDING', 0, " + now + ", " + now + ")",
                    "INSERT INTO tributary_outbox (id, queue, payload, content_type, status, attempts, next_attempt,"
                    + " created, lease_token, lease_until) VALUES ('00000000000000000000000000000002', 'jobs',"
                    + " X'657870697265644c65617365', 'text/plain', 'PENDING', 0, " + now + ", " + now
                    + ", 'dead-node', " + (now - 1) + ")",
                    "INSERT INTO tributary_outbox (id, queue, payload, content_type, status, attempts, next_attempt,"
                    + " created, lease_token, lease_until) VALUES ('00000000000000000000000000000003', 'jobs',"
                    + " X'6c697665', 'text/plain', 'PENDING', 0, " + now + ", " + now + ", 'live-node', "
                    + (now + 60_000) + ")");
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= 3);
            assertThat(received.bodies()).containsExactlyInAnyOrder("by-poller", "other", "expiredLease");
            // the row under a live lease of another node stays there
            assertThat(env.count("SELECT COUNT(*) FROM tributary_outbox WHERE lease_token = 'live-node'")).isEqualTo(1);
            assertThat(received.bodies()).doesNotContain("live");
        }
    }
}
