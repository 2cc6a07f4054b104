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
    /** The run made last (one at a time): {@link KafkaBench} reads its CPU cost after each measured run. */
    static volatile KafkaRun latest;

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private final long expected;
    private final AtomicLong count = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile long firstNanos;
    private volatile long lastNanos;
    /** CPU time of the whole process (broker, clients, runtime, JIT, GC) at the start and at the end. */
    private volatile long startCpu = -1;
    private volatile long endCpu = -1;
    /** Sum of a field of the decoded bodies, so the JIT cannot drop the decode. */
    final AtomicLong checksum = new AtomicLong();

    KafkaRun(long expected) {
        this.expected = expected;
        latest = this;
    }

    /** A produce run starts its clock (and the CPU count) before the first send. */
    void started() {
        startCpu = OS.getProcessCpuTime();
    }

    void completed() {
        long n = count.incrementAndGet();
        if (n == 1) {
            if (startCpu < 0) {
                startCpu = OS.getProcessCpuTime(); // before the clock starts: reading it takes a few ms
            }
            firstNanos = System.nanoTime();
        }
        if (n == expected) {
            lastNanos = System.nanoTime();
            endCpu = OS.getProcessCpuTime();
            done.countDown();
        }
    }

    /**
     * Process CPU time per record over the measured interval, in microseconds: everything the JVM did meanwhile
     * (broker included), so comparable between the sides of one case on the same machine; NaN when not measured.
     */
    double cpuMicrosPerRecord() {
        return startCpu < 0 || endCpu < 0 ? Double.NaN : (endCpu - startCpu) / 1e3 / expected;
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
