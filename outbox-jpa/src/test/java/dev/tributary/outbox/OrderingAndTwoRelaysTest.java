package dev.tributary.outbox;

import static dev.tributary.outbox.testing.OutboxEnvironment.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.Incoming;
import dev.tributary.Message;
import dev.tributary.PublishOptions;
import dev.tributary.outbox.testing.OutboxEnvironment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Per-key ordering with several relay workers, and two relay instances (two outbox connectors, each with its own
 * subscription, claiming from one table through lease tokens and SKIP LOCKED) that together deliver every row
 * exactly once, keys in order.
 */
class OrderingAndTwoRelaysTest {

    @ApplicationScoped
    public static class Writer {
        @Inject
        Outbox outbox;

        /** Writes a few rows in one transaction: "key:seq" bodies, keyed unless key is "-". */
        @Transactional
        public void write(String queue, List<String[]> rows) {
            for (String[] r : rows) {
                String key = r[0];
                outbox.publish(key + ":" + r[1], queue, key.equals("-") ? PublishOptions.none()
                        : PublishOptions.builder().key(key).build());
            }
        }
    }

    /** Everything the relays saw, in the order they saw it; handlers take a little random time. */
    @ApplicationScoped
    public static class Log {
        private final List<String> seen = new ArrayList<>();
        private final Map<String, String> byNode = new ConcurrentHashMap<>();
        private final Map<String, Integer> inFlightPerKey = new ConcurrentHashMap<>();
        private volatile int maxInFlightPerKey;

        public void handle(String node, String body) {
            String key = body.substring(0, body.indexOf(':'));
            int now = inFlightPerKey.merge(key, 1, Integer::sum);
            if (!key.equals("-") && now > maxInFlightPerKey) {
                maxInFlightPerKey = now;
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextInt(1500)));
            synchronized (this) {
                seen.add(body);
            }
            byNode.merge(node, body, (a, b) -> a);
            inFlightPerKey.merge(key, -1, Integer::sum);
        }

        public synchronized List<String> seen() {
            return new ArrayList<>(seen);
        }

        public Map<String, String> byNode() {
            return byNode;
        }

        public int maxInFlightPerKey() {
            return maxInFlightPerKey;
        }
    }

    @ApplicationScoped
    public static class OneRelay {
        @Inject
        Log log;

        @Incoming(value = "events", connector = "outbox", maxWorkers = 4)
        void relay(String body) {
            log.handle("a", body);
        }
    }

    @ApplicationScoped
    public static class TwoRelays {
        @Inject
        Log log;

        @Incoming(value = "shared", connector = "outbox", maxWorkers = 3)
        void nodeA(String body, Message<String> m) {
            log.handle("a", body);
        }

        @Incoming(value = "shared", connector = "outbox-b", maxWorkers = 3)
        void nodeB(String body, Message<String> m) {
            log.handle("b", body);
        }
    }

    /** Writes {@code keys} × {@code perKey} keyed rows and {@code unkeyed} rows from 4 threads, 1–3 rows per transaction. */
    private static Map<String, List<Integer>> writeConcurrently(Writer writer, String queue, int keys, int perKey,
            int unkeyed) throws Exception {
        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            // each key is written by one thread (write order per key = its sequence), keys spread over threads
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    List<String[]> batch = new ArrayList<>();
                    for (int seq = 0; seq < perKey; seq++) {
                        for (int k = thread; k < keys; k += 4) {
                            batch.add(new String[] {"k" + k, Integer.toString(seq)});
                        }
                        for (int u = thread; u < unkeyed; u += 4 * perKey) {
                            batch.add(new String[] {"-", thread + "-" + seq + "-" + u});
                        }
                        if (batch.size() >= ThreadLocalRandom.current().nextInt(1, 4)) {
                            writer.write(queue, batch);
                            batch = new ArrayList<>();
                        }
                    }
                    if (!batch.isEmpty()) {
                        writer.write(queue, batch);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int k = 0; k < keys; k++) {
            List<Integer> seqs = new ArrayList<>();
            for (int s = 0; s < perKey; s++) {
                seqs.add(s);
            }
            expected.put("k" + k, seqs);
        }
        return expected;
    }

    private static Map<String, List<Integer>> perKey(List<String> seen) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        for (String b : seen) {
            String key = b.substring(0, b.indexOf(':'));
            if (!key.equals("-")) {
                out.computeIfAbsent(key, k -> new ArrayList<>()).add(Integer.parseInt(b.substring(b.indexOf(':') + 1)));
            }
        }
        return out;
    }

    @Test
    void keysStayInWriteOrderWithSeveralWorkers() throws Exception {
        try (OutboxEnvironment env = OutboxEnvironment.start(OutboxEnvironment.Database.H2, config(
                "tributary.connectors.outbox.type", "outbox",
                "tributary.connectors.outbox.poll-interval", "100ms"), Writer.class, Log.class, OneRelay.class)) {
            Log log = env.bean(Log.class);
            long t0 = System.nanoTime();
            Map<String, List<Integer>> expected = writeConcurrently(env.bean(Writer.class), "events", 6, 25, 0);
            long t1 = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> log.seen().size() >= 150);
            System.out.println("ordered relay (H2): wrote 150 rows in " + (t1 - t0) / 1_000_000 + " ms, all relayed after "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
            assertThat(log.seen()).hasSize(150).doesNotHaveDuplicates();
            assertThat(perKey(log.seen())).isEqualTo(expected);
            assertThat(log.maxInFlightPerKey()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> env.count("SELECT COUNT(*) FROM tributary_outbox") == 0);
        }
    }

    @Test
    void twoRelaysOnOnePostgresDeliverEveryRowOnceAndKeepKeyOrder() throws Exception {
        twoRelays("skip-locked");
    }

    /** The portable claim (candidates, then a conditional UPDATE), as used under EclipseLink. */
    @Test
    void twoRelaysWithThePortableClaimDeliverEveryRowOnceAndKeepKeyOrder() throws Exception {
        twoRelays("update");
    }

    private void twoRelays(String claim) throws Exception {
        try (OutboxEnvironment env = OutboxEnvironment.start(OutboxEnvironment.Database.POSTGRES, config(
                "tributary.connectors.outbox.claim", claim,
                "tributary.connectors.outbox-b.claim", claim,
                "tributary.connectors.outbox.type", "outbox",
                "tributary.connectors.outbox.poll-interval", "20ms",
                "tributary.connectors.outbox.claim-size", "16",
                "tributary.connectors.outbox-b.type", "outbox",
                "tributary.connectors.outbox-b.poll-interval", "20ms",
                "tributary.connectors.outbox-b.claim-size", "16",
                "tributary.connectors.outbox-b.fast-path", "false"), Writer.class, Log.class, TwoRelays.class)) {
            Log log = env.bean(Log.class);
            Map<String, List<Integer>> expected = writeConcurrently(env.bean(Writer.class), "shared", 8, 25, 200);
            int total = 8 * 25 + 200;
            await().atMost(Duration.ofSeconds(60)).until(() -> log.seen().size() >= total);
            await().atMost(Duration.ofSeconds(5)).until(() -> env.count("SELECT COUNT(*) FROM tributary_outbox") == 0);
            List<String> seen = log.seen();
            assertThat(seen).hasSize(total).doesNotHaveDuplicates();
            assertThat(perKey(seen)).isEqualTo(expected);
            assertThat(log.maxInFlightPerKey()).isEqualTo(1);
            assertThat(log.byNode()).containsKeys("a", "b"); // both instances relayed
        }
    }
}
