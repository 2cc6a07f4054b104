package dev.tributary.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts the completions of one MQTT run (publish acknowledgements or handled messages), keeps the time of the first
 * and of the {@code expected}-th, and optionally bounds how far publishing may run ahead of handling (a window of
 * permits: one taken per publish, one returned per handled message). Thread-safe.
 */
final class MqttRun {

    /** The run the Tributary handlers count into (one run at a time). */
    static volatile MqttRun current;

    private final long expected;
    private final AtomicLong count = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Semaphore window;
    private volatile long startNanos;
    private volatile long startCpu = -1;
    private volatile long lastNanos;
    private volatile long lastCpu;
    private volatile boolean startedByCompletion;
    /** Sum of the body lengths handled, so the JIT cannot drop the read. */
    final AtomicLong checksum = new AtomicLong();

    MqttRun(long expected, int window) {
        this.expected = expected;
        this.window = window > 0 ? new Semaphore(window) : null;
    }

    /** Before a publish: waits while {@code window} messages are published and not yet handled. */
    void beforePublish() throws InterruptedException {
        if (window != null && !window.tryAcquire(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("window stuck: " + count.get() + " of " + expected + " handled after 60 s");
        }
    }

    /** A Tributary handler's count: into the current run (none between runs: a straggler is ignored). */
    static void handledByCurrent(byte[] body) {
        MqttRun run = current;
        if (run != null) {
            run.handled(body);
        }
    }

    void handled(byte[] body) {
        checksum.addAndGet(body.length);
        completed();
        if (window != null) {
            window.release();
        }
    }

    /** Starts the clock now (publish, end to end); without it the first completion starts it (consume). */
    MqttRun start() {
        startCpu = MqttBench.cpuNanos();
        startNanos = System.nanoTime();
        return this;
    }

    void completed() {
        long n = count.incrementAndGet();
        if (n == 1 && startCpu < 0) {
            startedByCompletion = true;
            startCpu = MqttBench.cpuNanos();
            startNanos = System.nanoTime();
        }
        if (n == expected) {
            lastNanos = System.nanoTime();
            lastCpu = MqttBench.cpuNanos();
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

    long count() {
        return count.get();
    }

    /** Seconds from the start to the last completion. */
    double seconds() {
        return (lastNanos - startNanos) / 1e9;
    }

    /** Messages per second: completions after the start over {@link #seconds()} (the one that started it not counted). */
    double rate() {
        return (startedByCompletion ? expected - 1 : expected) / seconds();
    }

    /** CPU time of this JVM per message between the start and the last completion, in microseconds. */
    double cpuMicrosPerMessage() {
        return (lastCpu - startCpu) / 1e3 / expected;
    }
}
