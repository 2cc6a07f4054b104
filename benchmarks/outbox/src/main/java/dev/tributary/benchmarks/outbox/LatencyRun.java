package dev.tributary.benchmarks.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One steady-rate run on the fast path: the relay runs; writer threads commit one row per transaction at a paced
 * global rate (row k is due at start + k / rate; a late writer does not skip, the next free thread takes the next
 * row); a raw KafkaConsumer (no group, assigned to the topic's partition from its end, its own thread) notes when
 * each row's record arrives. Latency per row = consumer receipt − the moment {@code commit} returned to the writer
 * (the {@code @Transactional} method returned). Also: commit → the broker acknowledging the relay's send of the row
 * ({@link AckProbe}, a producer interceptor on the relay's producer; mapped to the row through the offset the consumer
 * saw) — the "commit-to-publish". Rows of the warm-up are written and relayed but not counted.
 */
final class LatencyRun {

    /** What one run measured, in milliseconds. */
    record Result(RelaySettings settings, int writers, int rate, int scheduled, int measured, double achievedRate, double p50,
            double p99, double max, double ackP50, double ackP99, double handlerP50, double handlerP99, double commitP50, long missing,
            long late, double commitsPerRow, double updatesPerRow, double jvmCpuMicrosPerRow, double pgCpuMicrosPerRow, Map<String, Long> threadCpu, String table,
            String roundTrip, String load) {
        /** CPU µs per measured row of one thread role ({@link ThreadCpu#ROLES}). */
        double micros(String role) {
            return threadCpu.getOrDefault(role, 0L) / 1e3 / scheduled;
        }

        Result withDb(double commits, double updates) {
            return new Result(settings, writers, rate, scheduled, measured, achievedRate, p50, p99, max, ackP50, ackP99,
                    handlerP50, handlerP99, commitP50, missing, late, commits, updates, jvmCpuMicrosPerRow,
                    pgCpuMicrosPerRow, threadCpu, table, roundTrip, load);
        }

        String line() {
            return String.format(Locale.ROOT, "commit→broker ack p50 %.2f ms, p99 %.2f ms; commit→consumer p50 %.2f ms,"
                    + " p99 %.2f ms, max %.1f ms over %,d rows at"
                    + " %,.0f rows/s (commit→handler p50 %.2f ms, p99 %.2f ms; commit call p50 %.2f ms; missing %d;"
                    + " CPU per row: JVM %.0f µs (threads: relay %.0f, writers %.0f, producer %.0f, broker %.0f, other %.0f)"
                    + " + PostgreSQL %.0f µs; per row: %.2f DB commits, %.2f row updates; table after: %s; SELECT 1 p50/p99 %s ms;"
                    + " load %s)", ackP50, ackP99, p50, p99, max, measured,
                    achievedRate, handlerP50, handlerP99, commitP50, missing, jvmCpuMicrosPerRow, micros("relay"),
                    micros("writers"), micros("producer"), micros("broker"), micros("other"), pgCpuMicrosPerRow, commitsPerRow,
                    updatesPerRow, table, roundTrip, load);
        }
    }

    private LatencyRun() {
    }

    static Result run(String bootstrap, BenchDatabase db, CpuMeter cpu, RelaySettings settings, int rate, int writers, int warmupSeconds,
            int measureSeconds) throws Exception {
        String load = Load.now();
        String roundTrip = db.roundTrips();
        int warmRows = rate * warmupSeconds;
        int total = warmRows + rate * measureSeconds;
        long[] committed = new long[total];
        long[] calledAt = new long[total];
        long[] received = new long[total];
        long[] handled = new long[total];
        long[] offsets = new long[total];
        RelayProbe.reset(handled);
        AckProbe.reset();
        // PostgreSQL's counters, before the container starts (the backends of earlier runs have exited and reported)
        long[] dbStart = db.settledActivity();
        Result result;
        Map<String, String> config = settings.config(bootstrap);
        config.put("tributary.connectors.kafka.producer.interceptor.classes", AckProbe.class.getName());
        try (BenchContainer app = BenchContainer.start(config, BenchWriter.class, RelayHandler.class);
                Receiver receiver = new Receiver(bootstrap, received, offsets)) {
            if (!receiver.ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the raw consumer did not get its partition within 30 s");
            }
            BenchWriter writer = app.select(BenchWriter.class);
            AtomicLong next = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long periodNanos = 1_000_000_000L / rate;
            long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            Thread[] threads = new Thread[writers];
            for (int i = 0; i < writers; i++) {
                threads[i] = new Thread(() -> {
                    long seq;
                    while ((seq = next.getAndIncrement()) < total && failure.get() == null) {
                        long due = t0 + seq * periodNanos;
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait); // pacing, not synchronisation
                        }
                        try {
                            long call = System.nanoTime();
                            writer.writeOne(seq);
                            committed[(int) seq] = System.nanoTime();
                            calledAt[(int) seq] = call;
                        } catch (Throwable e) { // the interceptor rethrows the manager's checked RollbackException as is
                            failure.compareAndSet(null, e);
                        }
                    }
                }, "bench-writer-" + i);
                threads[i].start();
            }
            // CPU over the measured window (by schedule: from the first measured row's due time to the last's)
            parkUntil(t0 + warmRows * periodNanos);
            long[] cpuStart = cpu.read();
            ThreadCpu threadsStart = ThreadCpu.read();
            int windowEnd = Math.max(warmRows + 1, total - rate / 10);
            parkUntil(t0 + windowEnd * periodNanos);
            long[] cpuEnd = cpu.read();
            ThreadCpu threadsEnd = ThreadCpu.read();
            for (Thread t : threads) {
                t.join();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("a writer failed", failure.get());
            }
            long writeEnd = System.nanoTime();
            long deadline = writeEnd + TimeUnit.SECONDS.toNanos(30);
            while (receiver.count.get() < total && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            receiver.close();
            Samples latency = new Samples();
            Samples toHandler = new Samples();
            Samples toAck = new Samples();
            Samples commitCall = new Samples();
            long missing = 0;
            long late = 0;
            long firstCommit = Long.MAX_VALUE;
            long lastCommit = Long.MIN_VALUE;
            for (int s = warmRows; s < total; s++) {
                firstCommit = Math.min(firstCommit, calledAt[s]);
                lastCommit = Math.max(lastCommit, committed[s]);
                commitCall.add((committed[s] - calledAt[s]) / 1e6);
                if (calledAt[s] - (t0 + (long) s * periodNanos) > TimeUnit.MILLISECONDS.toNanos(10)) {
                    late++;
                }
                if (received[s] == 0) {
                    missing++;
                    continue;
                }
                latency.add((received[s] - committed[s]) / 1e6);
                if (handled[s] != 0) {
                    toHandler.add((handled[s] - committed[s]) / 1e6);
                }
                Long acked = AckProbe.ACKED_NANOS.get(offsets[s]);
                if (acked != null) {
                    toAck.add((acked - committed[s]) / 1e6);
                }
            }
            if (latency.size() == 0) {
                throw new IllegalStateException("no measured row reached Kafka (" + missing + " missing)");
            }
            int measured = total - warmRows;
            double achieved = measured / ((lastCommit - firstCommit) / 1e9);
            if (toAck.size() == 0) {
                throw new IllegalStateException("no broker acknowledgement of a measured row was seen (AckProbe)");
            }
            result = new Result(settings, writers, rate, windowEnd - warmRows, latency.size(), achieved, latency.percentile(50),
                    latency.percentile(99), latency.max(), toAck.percentile(50), toAck.percentile(99), toHandler.percentile(50), toHandler.percentile(99),
                    commitCall.percentile(50), missing, late, 0, 0, (cpuEnd[0] - cpuStart[0]) / 1e3 / (windowEnd - warmRows),
                    (cpuEnd[1] - cpuStart[1]) / 1e3 / (windowEnd - warmRows), threadsEnd.since(threadsStart),
                    db.tableStats(), roundTrip, load);

        } finally {
            RelayProbe.reset(null);
            AckProbe.reset();
        }
        // and after the container closed: its backends report their counters as they exit
        long[] dbEnd = db.settledActivity();
        return result.withDb((dbEnd[0] - dbStart[0]) / (double) total, (dbEnd[1] - dbStart[1]) / (double) total);
    }

    private static void parkUntil(long deadline) {
        long wait;
        while ((wait = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** The raw consumer: notes the arrival time of each sequence number (first arrival only). */
    private static final class Receiver implements AutoCloseable {
        final CountDownLatch ready = new CountDownLatch(1);
        final AtomicLong count = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        Receiver(String bootstrap, long[] received, long[] offsets) {
            Map<String, Object> p = new HashMap<>();
            p.put("bootstrap.servers", bootstrap);
            p.put("enable.auto.commit", "false");
            p.put("fetch.min.bytes", "1");
            p.put("fetch.max.wait.ms", "500");
            p.put("max.poll.records", "500");
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            TopicPartition tp = new TopicPartition(BenchWriter.QUEUE, 0);
            thread = new Thread(() -> {
                try (consumer) {
                    consumer.assign(List.of(tp));
                    consumer.seekToEnd(List.of(tp));
                    consumer.position(tp);
                    ready.countDown();
                    while (running) {
                        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                        long now = System.nanoTime();
                        for (ConsumerRecord<byte[], byte[]> r : records) {
                            long seq = Bodies.seq(r.value());
                            if (seq >= 0 && seq < received.length && received[(int) seq] == 0) {
                                received[(int) seq] = now;
                                offsets[(int) seq] = r.offset();
                                count.incrementAndGet();
                            }
                        }
                    }
                }
            }, "bench-consumer");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5000);
        }
    }
}
