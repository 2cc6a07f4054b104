package dev.tributary.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

/**
 * Counts messages the handlers finished, and what was published, in one container. Handlers call
 * {@link #handled(long)} from any thread; publishers call {@link #published(int)} after a batch and then
 * {@link #awaitHandled(long, Supplier)}. A {@code @Singleton} (no client proxy), so the handler pays for a
 * {@link LongAdder} increment and nothing else — the same on both frameworks.
 */
@Singleton
public class Progress {

    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final LongAdder handled = new LongAdder();
    private final AtomicLong published = new AtomicLong();
    /** Keeps the handler's result alive; racy on purpose (plain field, no fence). */
    private long checksum;

    /** Called by a handler once it is done with a message; {@code value} comes from the decoded body. */
    public void handled(long value) {
        checksum += value;
        handled.increment();
    }

    public long handledCount() {
        return handled.sum();
    }

    public long publishedCount() {
        return published.get();
    }

    public long checksum() {
        return checksum;
    }

    /** Records {@code n} more published messages and returns the new total. */
    long published(int n) {
        return published.addAndGet(n);
    }

    /**
     * Waits until at least {@code target} messages were handled: spins briefly, then parks for short
     * moments (on a 2-core machine a spinning publisher would take the CPU the handler thread needs).
     *
     * @param diagnosis what to say when nothing moves for 30 s
     */
    void awaitHandled(long target, Supplier<String> diagnosis) {
        if (handled.sum() >= target) {
            return;
        }
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        int spins = 0;
        while (handled.sum() < target) {
            if (++spins < 32) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(10_000);
                if ((spins & 255) == 0 && System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + handled.sum() + " of " + target
                            + " messages handled after 30 s: " + diagnosis.get());
                }
            }
        }
    }
}
