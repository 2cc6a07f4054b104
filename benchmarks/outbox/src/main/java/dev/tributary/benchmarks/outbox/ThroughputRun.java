package dev.tributary.benchmarks.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One backlog run: N rows written through the Outbox API (transactions of {@value #ROWS_PER_TRANSACTION} rows, two
 * writer threads) while no relay runs — a container without the relay handler, so neither fast path nor poller sees
 * them — then a container with the relay handler starts and the run times until every row is gone from the table
 * AND Kafka's end offset grew by N. The rate is N over the time from the first row reaching the handler to that
 * point (container start-up is reported separately). Afterwards: duplicates (end offset grew by more than N) and
 * DEAD rows are counted.
 */
final class ThroughputRun {
    static final int ROWS_PER_TRANSACTION = 500;
    static final int WRITER_THREADS = 2;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

    /** What one run measured. */
    record Result(RelaySettings settings, int rows, double writeSeconds, double startSeconds, double drainSeconds,
            double rowsPerSecond, double kafkaSeconds, long duplicates, long dead, double jvmCpuMicrosPerRow,
            double pgCpuMicrosPerRow, Map<String, Long> threadCpu, String table, String roundTrip, String load) {
        String line() {
            return String.format(Locale.ROOT, "%,.0f rows/s (drain %.2f s, Kafka had all after %.2f s; container start to"
                    + " first row %.2f s; fill %.1f s; duplicates %d, dead %d; CPU per row: JVM %.0f µs + PostgreSQL %.0f µs,"
                    + " threads: relay %.0f µs, producer %.0f µs, broker %.0f µs, other %.0f µs; table after: %s; SELECT 1 p50/p99 %s ms; load %s)",
                    rowsPerSecond, drainSeconds, kafkaSeconds, startSeconds, writeSeconds, duplicates, dead,
                    jvmCpuMicrosPerRow, pgCpuMicrosPerRow, micros("relay"), micros("producer"), micros("broker"),
                    micros("other"), table, roundTrip, load);
        }

        /** CPU µs per row of one thread role ({@link ThreadCpu#ROLES}). */
        double micros(String role) {
            return threadCpu.getOrDefault(role, 0L) / 1e3 / rows;
        }

        /** Rows per second two fully available cores would allow at this run's CPU cost per row. */
        double cpuBoundRate() {
            return 2e6 / (jvmCpuMicrosPerRow + pgCpuMicrosPerRow);
        }
    }

    private ThroughputRun() {
    }

    static Result run(BenchDatabase db, KafkaProbe kafka, CpuMeter cpu, String bootstrap, RelaySettings settings, int rows)
            throws Exception {
        String load = Load.now();
        String roundTrip = db.roundTrips();
        if (db.count("SELECT count(*) FROM tributary_outbox") != 0) {
            throw new IllegalStateException("the outbox table is not empty before the run");
        }
        RelayProbe.reset(null);
        long before = kafka.endOffset();

        // 1. fill: the relay is not running
        long w0 = System.nanoTime();
        try (BenchContainer writerApp = BenchContainer.start(settings.config(bootstrap), BenchWriter.class)) {
            BenchWriter writer = writerApp.select(BenchWriter.class);
            ExecutorService threads = Executors.newFixedThreadPool(WRITER_THREADS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (long first = 0; first < rows; first += ROWS_PER_TRANSACTION) {
                    long f = first;
                    int count = (int) Math.min(ROWS_PER_TRANSACTION, rows - first);
                    done.add(threads.submit(() -> writer.writeMany(f, count)));
                }
                for (Future<?> d : done) {
                    d.get();
                }
            } finally {
                threads.shutdown();
            }
        }
        double writeSeconds = (System.nanoTime() - w0) / 1e9;
        long pending = db.count("SELECT count(*) FROM tributary_outbox");
        if (pending != rows) {
            throw new IllegalStateException("after the fill the table holds " + pending + " rows, not " + rows);
        }
        if (kafka.endOffset() != before) {
            throw new IllegalStateException("records reached Kafka while no relay ran");
        }

        // 2. start the relay and time the drain
        long start = System.nanoTime();
        long kafkaDone;
        long tableEmpty;
        long[] cpuAtFirst = null;
        long[] cpuAtEnd;
        ThreadCpu threadsAtFirst = null;
        ThreadCpu threadsAtEnd;
        try (BenchContainer relayApp = BenchContainer.start(settings.config(bootstrap), RelayHandler.class)) {
            long deadline = start + TIMEOUT_NANOS;
            while (kafka.endOffset() - before < rows) {
                if (cpuAtFirst == null && RelayProbe.FIRST_NANOS.get() != 0) {
                    cpuAtFirst = cpu.read(); // within one harness poll (5 ms) of the first row
                    threadsAtFirst = ThreadCpu.read();
                }
                check(deadline, "Kafka to hold " + rows + " records; it has " + (kafka.endOffset() - before));
                pause();
            }
            kafkaDone = System.nanoTime();
            try (var c = db.connect()) {
                while (BenchDatabase.count(c, "SELECT count(*) FROM tributary_outbox WHERE status = 'PENDING'") > 0) {
                    check(deadline, "the table to be empty");
                    pause();
                }
            }
            tableEmpty = System.nanoTime();
            cpuAtEnd = cpu.read();
            threadsAtEnd = ThreadCpu.read();
        }
        if (cpuAtFirst == null) {
            throw new IllegalStateException("the drain ended before the harness saw the first row; use more rows");
        }
        long first = RelayProbe.FIRST_NANOS.get();
        long end = Math.max(kafkaDone, tableEmpty);
        long delivered = kafka.endOffset() - before;
        long dead = db.count("SELECT count(*) FROM tributary_outbox WHERE status = 'DEAD'");
        long left = db.count("SELECT count(*) FROM tributary_outbox");
        if (left != dead) {
            throw new IllegalStateException(left + " rows left in the table after the relay stopped (" + dead + " dead)");
        }
        String table = db.tableStats();
        db.execute("DELETE FROM tributary_outbox");
        double drain = (end - first) / 1e9;
        return new Result(settings, rows, writeSeconds, (first - start) / 1e9, drain, rows / drain,
                (kafkaDone - first) / 1e9, delivered - rows, dead, (cpuAtEnd[0] - cpuAtFirst[0]) / 1e3 / rows,
                (cpuAtEnd[1] - cpuAtFirst[1]) / 1e3 / rows, threadsAtEnd.since(threadsAtFirst), table, roundTrip, load);
    }

    private static void check(long deadline, String what) {
        if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException("timed out after " + TimeUnit.NANOSECONDS.toSeconds(TIMEOUT_NANOS)
                    + " s waiting for " + what);
        }
    }

    /** The harness's poll interval while it waits for the end of a drain (measurement granularity ~5 ms). */
    private static void pause() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
}
