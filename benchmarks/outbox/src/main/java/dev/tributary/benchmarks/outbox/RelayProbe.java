package dev.tributary.benchmarks.outbox;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the relay handler saw, for the harness: the first invocation's time, how many rows, and (latency runs) when
 * each sequence number reached the handler. Reset between runs by the harness. Thread-safe.
 */
final class RelayProbe {
    static final AtomicLong FIRST_NANOS = new AtomicLong();
    static final LongAdder COUNT = new LongAdder();
    /** Latency runs: handler time per sequence number (0 = not yet); {@code null} in throughput runs. */
    static volatile long[] handledNanos;

    private RelayProbe() {
    }

    static void handled(byte[] body) {
        long now = System.nanoTime();
        if (FIRST_NANOS.get() == 0) {
            FIRST_NANOS.compareAndSet(0, now);
        }
        COUNT.increment();
        long[] times = handledNanos;
        if (times != null) {
            long seq = Bodies.seq(body);
            if (seq >= 0 && seq < times.length && times[(int) seq] == 0) {
                times[(int) seq] = now;
            }
        }
    }

    static void reset(long[] times) {
        FIRST_NANOS.set(0);
        COUNT.reset();
        handledNanos = times;
    }
}
