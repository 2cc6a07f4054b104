package dev.tributary.memory;

import dev.tributary.AckPolicy;
import dev.tributary.spi.InboundSink;
import dev.tributary.spi.Subscription;
import dev.tributary.spi.SubscriptionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One consumer of a {@link MemoryQueue}. Messages reach its sink on the thread that publishes them (or
 * on the thread that resumes it), never on two threads at once.
 *
 * <p>Pause is exact: {@link #pause()} sets the flag and then waits until a delivery to this subscription
 * that another thread may have begun has returned, so once it returns nothing more reaches the sink until
 * {@link #resume()}. The delivering thread announces itself in {@link #deliverer} before it re-checks the
 * flag (both volatile: either it sees the pause, or the pausing thread sees it delivering and waits).
 */
final class MemorySubscription implements Subscription {

    private static final System.Logger LOG = System.getLogger(MemorySubscription.class.getName());
    private static final int SWEEP_EVERY = 4096;

    final MemoryConnector connector;
    final MemoryQueue queue;
    final InboundSink sink;
    final SubscriptionSpec spec;
    final String deadLetter;
    final boolean ackFirst;

    private volatile boolean paused;
    private volatile boolean stopped;
    private volatile Thread deliverer;

    /** Delivered and maybe unsettled, in delivery order; settled ones are pruned lazily by the deliverer. */
    private final ConcurrentLinkedQueue<MemoryDelivery> delivered = new ConcurrentLinkedQueue<>();
    private int untilSweep = SWEEP_EVERY;

    MemorySubscription(MemoryConnector connector, MemoryQueue queue, InboundSink sink, SubscriptionSpec spec,
            String deadLetter) {
        this.connector = connector;
        this.queue = queue;
        this.sink = sink;
        this.spec = spec;
        this.deadLetter = deadLetter;
        this.ackFirst = spec.ackPolicy() == AckPolicy.ACK_FIRST;
    }

    /** Claims this consumer for one delivery by the current thread; false when paused or stopped. */
    boolean tryClaim() {
        deliverer = Thread.currentThread();
        if (paused || stopped) {
            deliverer = null;
            return false;
        }
        return true;
    }

    void release() {
        deliverer = null;
    }

    boolean available() {
        return !paused && !stopped;
    }

    /** Hands one delivery to the sink; the caller holds the claim. */
    void deliver(MemoryDelivery d) {
        d.owner = this;
        track(d);
        try {
            sink.onMessage(d);
        } catch (RuntimeException | Error e) {
            // the sink contract says it never throws; keep the queue going and leave the message unsettled
            LOG.log(System.Logger.Level.ERROR, "TRB-MEM009 the sink of subscription '" + spec.channel()
                    + "' threw while receiving a message from '" + d.address() + "'", e);
        }
    }

    private void track(MemoryDelivery d) {
        MemoryDelivery head;
        while ((head = delivered.peek()) != null && head.isSettled()) {
            delivered.poll();
        }
        delivered.offer(d);
        if (--untilSweep == 0) {
            // an old unsettled message at the head (a manual ack that never comes) must not pin the rest
            untilSweep = SWEEP_EVERY;
            delivered.removeIf(MemoryDelivery::isSettled);
        }
    }

    @Override
    public void pause() {
        paused = true;
        awaitNoDelivery();
    }

    @Override
    public void resume() {
        if (paused) {
            paused = false;
            queue.wake();
        }
    }

    boolean isPaused() {
        return paused;
    }

    @Override
    public CompletionStage<Void> stop() {
        if (stopped) {
            return MemoryDelivery.DONE;
        }
        stopped = true;
        awaitNoDelivery();
        queue.remove(this);
        List<MemoryDelivery> reclaimed = new ArrayList<>();
        for (MemoryDelivery d : delivered) {
            if (d.reclaim()) {
                reclaimed.add(d);
            }
        }
        delivered.clear();
        queue.requeueFirst(reclaimed);
        connector.forget(this);
        return MemoryDelivery.DONE;
    }

    boolean isStopped() {
        return stopped;
    }

    private void awaitNoDelivery() {
        Thread self = Thread.currentThread();
        int spins = 0;
        Thread t;
        while ((t = deliverer) != null && t != self) {
            // a sink's onMessage never blocks, so this is short
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    @Override
    public String toString() {
        return "MemorySubscription[" + spec.channel() + " on " + queue + "]";
    }
}
