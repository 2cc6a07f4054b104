package dev.tributary.outbox;

import static dev.tributary.outbox.testing.OutboxEnvironment.config;

import dev.tributary.Incoming;
import dev.tributary.outbox.testing.OutboxEnvironment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Not a test (speed goals live in benchmarks): run with
 * {@code mvn -o -pl outbox-jpa test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.tributary.outbox.OutboxRelayBenchmark [-Dexec.args="h2|postgres"]}, or from an IDE.
 *
 * <p>Measures, against a no-op relay handler (so the outbox, not a broker, is measured): (1) drain throughput —
 * rows/s relayed (claim + deliver + batched delete) by one node from a backlog written by "another node";
 * (2) commit-to-handler latency on the fast path at a steady rate, p50/p99.
 */
public final class OutboxRelayBenchmark {

    @ApplicationScoped
    public static class Writer {
        @Inject
        Outbox outbox;

        @Transactional
        public void write(String body) {
            outbox.publish(body, "bench");
        }
    }

    @ApplicationScoped
    public static class NoopRelay {
        static final AtomicLong RELAYED = new AtomicLong();
        static final Map<String, Long> ARRIVED = new ConcurrentHashMap<>();
        static volatile boolean track;

        @Incoming(value = "bench", connector = "outbox", maxWorkers = 4)
        void relay(String body) {
            if (track) {
                ARRIVED.put(body, System.nanoTime());
            }
            RELAYED.incrementAndGet();
        }
    }

    public static void main(String[] args) throws Exception {
        OutboxEnvironment.Database db = args.length > 0 && args[0].startsWith("h2") ? OutboxEnvironment.Database.H2
                : OutboxEnvironment.Database.POSTGRES;
        int backlog = 20_000;
        Map<String, String> cfg = config("tributary.connectors.outbox.type", "outbox",
                "tributary.connectors.outbox.claim-size", "500",
                "tributary.connectors.outbox.poll-interval", "200ms",
                "tributary.connectors.outbox.claim", System.getProperty("bench.claim", "auto"),
                "tributary.connectors.outbox.ordered-keys", System.getProperty("bench.ordered", "true"));
        try (OutboxEnvironment env = OutboxEnvironment.create(db, cfg)) {
            for (int round = 0; round < Integer.getInteger("bench.drains", 3); round++) {
                fill(env, backlog, round);
                NoopRelay.RELAYED.set(0);
                long t0 = System.nanoTime();
                env.boot(Writer.class, NoopRelay.class);
                while (env.count("SELECT COUNT(*) FROM tributary_outbox") > 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                System.out.printf("%s drain round %d: %d rows in %.2f s = %.0f rows/s (incl. container start)%n",
                        db, round, backlog, secs, backlog / secs);
                env.shutdown();
            }
            env.boot(Writer.class, NoopRelay.class);
            Writer writer = env.bean(Writer.class);
            for (int rate : new int[] {200, 1000}) {
                NoopRelay.ARRIVED.clear();
                NoopRelay.track = true;
                int n = rate * 5;
                long[] committedAt = new long[n];
                long period = TimeUnit.SECONDS.toNanos(1) / rate;
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    long due = start + i * period;
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(Math.max(1000, due - System.nanoTime()));
                    }
                    writer.write("r" + rate + "-" + i);
                    committedAt[i] = System.nanoTime();
                }
                double achieved = n / ((System.nanoTime() - start) / 1e9);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (NoopRelay.ARRIVED.size() < n && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
                List<Long> micros = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Long at = NoopRelay.ARRIVED.get("r" + rate + "-" + i);
                    if (at != null) {
                        micros.add(Math.max(0, (at - committedAt[i]) / 1000));
                    }
                }
                Collections.sort(micros);
                System.out.printf("%s fast path at %d rows/s target (%.0f achieved, single writer thread): %d/%d relayed,"
                        + " commit-to-handler p50 %.2f ms, p99 %.2f ms%n", db, rate, achieved, micros.size(), n,
                        micros.get(micros.size() / 2) / 1000.0, micros.get((int) (micros.size() * 0.99)) / 1000.0);
            }
            env.shutdown();
        }
        System.exit(0);
    }

    private static void fill(OutboxEnvironment env, int rows, int round) throws Exception {
        long now = System.currentTimeMillis();
        try (Connection c = env.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO tributary_outbox (id, queue, payload,"
                    + " content_type, correlation_id, status, attempts, next_attempt, created) VALUES (?, 'bench', ?,"
                    + " 'text/plain', ?, 'PENDING', 0, ?, ?)")) {
                byte[] payload = new byte[100];
                java.util.Arrays.fill(payload, (byte) 'x');
                for (int i = 0; i < rows; i++) {
                    s.setString(1, String.format("%015x%017x", now, (long) round * rows + i));
                    s.setBytes(2, payload);
                    s.setString(3, "c" + i);
                    s.setLong(4, now);
                    s.setLong(5, now);
                    s.addBatch();
                    if (i % 1000 == 999) {
                        s.executeBatch();
                    }
                }
                s.executeBatch();
            }
            c.commit();
        }
    }

    private OutboxRelayBenchmark() {
    }
}
