package dev.tributary.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts the completions of one run (send callbacks, publish stages or handled records) and keeps the time of the
 * first and of the {@code expected}-th. Thread-safe.
 */
final class KafkaRun {

    /** The run the Tributary consume handlers count into (one container, one run at a time). */
    static volatile KafkaRun current;

    private final long expected;
    private final AtomicLong count = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile long firstNanos;
    private volatile long lastNanos;
    /** Sum of a field of the decoded bodies, so the JIT cannot drop the decode. */
    final AtomicLong checksum = new AtomicLong();

    KafkaRun(long expected) {
        this.expected = expected;
    }

    void completed() {
        long n = count.incrementAndGet();
        if (n == 1) {
            firstNanos = System.nanoTime();
        }
        if (n == expected) {
            lastNanos = System.nanoTime();
            done.countDown();
        }
    }

    void failed(Throwable t) {
        failure.compareAndSet(null, t);
        done.countDown();
    }

    /** Waits for all completions; fails on the first error or after the timeout. */
    void await(long timeoutSeconds, String what) throws InterruptedException {
        if (!done.await(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException(what + ": " + count.get() + " of " + expected + " after " + timeoutSeconds + " s");
        }
        if (failure.get() != null) {
            throw new IllegalStateException(what + " failed: " + failure.get(), failure.get());
        }
    }

    long firstNanos() {
        return firstNanos;
    }

    long lastNanos() {
        return lastNanos;
    }
}
