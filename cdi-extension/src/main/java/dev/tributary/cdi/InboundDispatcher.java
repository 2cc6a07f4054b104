package dev.tributary.cdi;

import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.InboundSink;
import dev.tributary.spi.Subscription;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The runtime's {@link InboundSink} for one subscription: counts messages in flight (delivered, not yet
 * settled), pauses the connector at {@code maxInFlight} and resumes it at half, and hands each message to a
 * {@link Lane}: one lane with {@code maxWorkers = 1}, else one per worker, chosen by the message key (order
 * per key) or round-robin for keyless messages.
 *
 * <p>Threading: {@link #onMessage} runs on the connector's thread and never blocks; {@link #settled} runs on
 * whatever thread settles. Pause and resume never run concurrently (a small state machine, no lock).
 */
final class InboundDispatcher implements InboundSink, Delivery.SettleListener {
    private static final int RUNNING = 0;
    private static final int PAUSING = 1;
    private static final int PAUSED = 2;
    private static final int RESUMING = 3;

    final MessageProcessor processor;
    private final java.util.concurrent.Executor resumer;
    private final int maxInFlight;
    private final int resumeAt;
    private Lane[] lanes;
    /** Non-null for a batch subscription: gathers messages, then hands each batch to a lane. */
    private Batcher batcher;
    private final AtomicInteger nextLane = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private volatile Subscription subscription;
    private volatile boolean draining;
    /** Set once when the subscription is being stopped: the connector stays paused from then on. */
    private volatile boolean closing;
    private volatile boolean down;
    private int roundRobin;
    /** Highest in-flight count seen (diagnostics and tests); written on the connector's thread. */
    volatile int highWater;

    InboundDispatcher(MessageProcessor processor, int maxInFlight, java.util.concurrent.Executor resumer) {
        this.resumer = resumer;
        this.processor = processor;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.resumeAt = this.maxInFlight / 2;
    }

    void lanes(int workers, Function<InboundDispatcher, Lane> factory) {
        Lane[] l = new Lane[Math.max(1, workers)];
        for (int i = 0; i < l.length; i++) {
            l[i] = factory.apply(this);
        }
        lanes = l;
    }

    /** Makes this a batch subscription (before it is subscribed): see {@link Batcher}. */
    void batches(int size, java.time.Duration wait, java.util.concurrent.ScheduledExecutorService timer) {
        batcher = new Batcher(size, wait, timer, members -> {
            Lane[] l = lanes;
            l[(nextLane.getAndIncrement() & 0x7fffffff) % l.length].offer(new BatchInbound(members, this));
        });
    }

    /** Called once the connector returned the subscription (it may have delivered already). */
    void subscribed(Subscription s) {
        subscription = s;
        if (inFlight.get() >= maxInFlight) {
            pauseIfRunning();
        }
    }

    Subscription subscription() {
        return subscription;
    }

    int inFlight() {
        return inFlight.get();
    }

    boolean isDown() {
        return down;
    }

    @Override
    public void onMessage(InboundMessage message) {
        int n = inFlight.incrementAndGet();
        if (n > highWater) {
            highWater = n;
        }
        if (batcher != null) {
            batcher.add(message);
            if (n >= maxInFlight) {
                pauseIfRunning();
            }
            return;
        }
        Lane[] l = lanes;
        Lane lane;
        if (l.length == 1) {
            lane = l[0];
        } else {
            String key = message.key();
            int h = key != null ? spread(key.hashCode()) : roundRobin++;
            lane = l[(h & 0x7fffffff) % l.length];
        }
        lane.offer(message);
        if (n >= maxInFlight) {
            pauseIfRunning();
        }
    }

    /** A batch from the connector's thread: one in-flight update and, with one lane, one hand-off. */
    @Override
    public void onMessages(java.util.List<? extends InboundMessage> messages) {
        int size = messages.size();
        if (size == 0) {
            return;
        }
        Lane[] l = lanes;
        if (batcher != null || l.length > 1 || size == 1) {
            for (int i = 0; i < size; i++) {
                onMessage(messages.get(i));
            }
            return;
        }
        int n = inFlight.addAndGet(size);
        if (n > highWater) {
            highWater = n;
        }
        l[0].offerAll(messages);
        if (n >= maxInFlight) {
            pauseIfRunning();
        }
    }

    @Override
    public int room() {
        return Math.max(0, maxInFlight - inFlight.get());
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    @Override
    public void onFailure(Throwable failure) {
        down = true;
        MessageProcessor.LOG.log(Level.ERROR, "TRB-RUN010 subscription '" + processor.channel + "' failed and is down: "
                + failure, failure);
    }

    @Override
    public void settled() {
        int n = inFlight.decrementAndGet();
        if (n <= resumeAt && state.get() == PAUSED) {
            resumeIfPaused();
        }
        if (n == 0 && draining) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /**
     * Pauses the connector unless it is paused (or being paused) already. A pause may interrupt a resume in
     * progress: connectors may deliver inside {@code resume()}, even on the resuming thread.
     */
    private void pauseIfRunning() {
        Subscription s = subscription;
        if (s == null) {
            return;
        }
        for (;;) {
            int st = state.get();
            if (st != RUNNING && st != RESUMING) {
                return;
            }
            if (state.compareAndSet(st, PAUSING)) {
                s.pause();
                state.set(PAUSED);
                if (inFlight.get() <= resumeAt) {
                    resumeIfPaused();
                }
                return;
            }
        }
    }

    /**
     * Stops the connector feeding this subscription for good (the first step of a graceful stop: in-flight
     * messages are then drained before the subscription is stopped, so their acknowledgements still count).
     */
    void stopFeeding() {
        closing = true;
        Subscription s = subscription;
        if (s != null) {
            s.pause();
        }
    }

    private void resumeIfPaused() {
        Subscription s = subscription;
        if (closing) {
            return;
        }
        if (state.compareAndSet(PAUSED, RESUMING)) {
            // Resume off the settling worker unless the connector's resume only signals its own thread:
            // connectors may deliver inside resume(), on the calling thread.
            Runnable resume = () -> {
                s.resume();
                if (closing) {
                    s.pause(); // a stop began meanwhile: it must not find the connector feeding again
                    return;
                }
                // fails when a delivery during resume() paused again: that pauser owns the state now
                if (state.compareAndSet(RESUMING, RUNNING) && inFlight.get() >= maxInFlight) {
                    pauseIfRunning();
                }
            };
            if (s.resumesInline()) {
                resume.run();
                return;
            }
            try {
                resumer.execute(resume);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                resume.run();
            }
        }
    }

    /** Waits until nothing is in flight or the deadline passed; true when drained. */
    boolean awaitDrained(long deadlineNanos) throws InterruptedException {
        draining = true;
        synchronized (this) {
            while (inFlight.get() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        }
        return true;
    }
}
