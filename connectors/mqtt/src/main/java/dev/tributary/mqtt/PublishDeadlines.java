package dev.tributary.mqtt;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps the {@code publish.timeout} promise of every outstanding publish: one that the broker has not acknowledged in
 * time fails with {@code TRB-MQT007}. All publishes of a connector share one timeout, so their deadlines come in the
 * order they were sent: a FIFO queue that one periodic task checks from its head replaces a timer per publish
 * ({@code orTimeout} inserts into and cancels from a shared timer heap per message, which showed in the MQTT benchmark
 * at tens of thousands of publishes per second). A publish fails at most one check period after its deadline; the
 * period is a tenth of the timeout, between 5 ms and 250 ms. Thread-safe.
 */
final class PublishDeadlines {

    private record Pending(long deadline, CompletableFuture<Void> result, Supplier<? extends Throwable> timeout) {
    }

    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService scheduler;
    private final long timeoutNanos;
    private final long periodNanos;
    private volatile ScheduledFuture<?> task;
    private volatile boolean closed;
    private volatile Supplier<? extends Throwable> closedFailure;

    PublishDeadlines(ScheduledExecutorService scheduler, long timeoutMillis) {
        this.scheduler = scheduler;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(5), Math.min(TimeUnit.MILLISECONDS.toNanos(250),
                timeoutNanos / 10));
    }

    /** Fails {@code result} with {@code timeout} unless it completes within the publish timeout from now. */
    void track(CompletableFuture<Void> result, Supplier<? extends Throwable> timeout) {
        if (result.isDone()) {
            return;
        }
        pending.add(new Pending(System.nanoTime() + timeoutNanos, result, timeout));
        if (closed) {
            result.completeExceptionally(closedFailure.get()); // raced with close: nobody checks any more
        } else if (task == null) {
            startChecking();
        }
    }

    private synchronized void startChecking() {
        if (task == null && !closed) {
            task = scheduler.scheduleWithFixedDelay(this::check, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Drops completed publishes from the head and fails those past their deadline. */
    void check() {
        long now = System.nanoTime();
        Pending p;
        while ((p = pending.peek()) != null) {
            if (p.result().isDone()) {
                pending.poll();
            } else if (now - p.deadline() >= 0) {
                pending.poll();
                p.result().completeExceptionally(p.timeout().get());
            } else {
                return; // later ones have later deadlines
            }
        }
    }

    /** Outstanding publishes (diagnostics, tests): tracked and not yet dropped by a check. */
    int size() {
        return pending.size();
    }

    /** Stops checking and fails every publish still waiting with {@code failure}. */
    void close(Supplier<? extends Throwable> failure) {
        synchronized (this) {
            closedFailure = failure;
            closed = true;
            if (task != null) {
                task.cancel(false);
            }
        }
        Pending p;
        while ((p = pending.poll()) != null) {
            if (!p.result().isDone()) {
                p.result().completeExceptionally(failure.get());
            }
        }
    }
}
