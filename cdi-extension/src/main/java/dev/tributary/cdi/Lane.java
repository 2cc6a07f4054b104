package dev.tributary.cdi;

import dev.tributary.spi.InboundMessage;
import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One ordered queue of a subscription, drained in a loop by one task on the executor. A task is submitted
 * only when the lane goes from idle to busy: no task per message. Producers (the connector's thread) call
 * {@link #offer}; the messages of one lane are processed one at a time, in offer order.
 */
final class Lane implements Runnable {
    /** {@link InboundMessage}s and {@link Chunk}s, in offer order. */
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Executor executor;
    private final java.util.concurrent.ThreadFactory fallbackThreads;
    private final MessageProcessor processor;
    private final Delivery.SettleListener settle;
    private final RequestScope requestContext;
    /**
     * The most spin-wait hints (a few microseconds in all) an emptied lane waits for its next message before giving
     * its thread back: under a steady stream the next message usually arrives within that time, and handing the lane
     * to a new executor task per message would cost far more (queue hand-off and a thread wake-up).
     */
    private static final int MAX_SPINS = 256;
    /**
     * A lane restarted this soon after it gave its thread back would have caught that message by spinning longer:
     * the spin grows again. Anything slower is a stream too sparse for spinning to pay.
     */
    private static final long QUICK_RESTART_NANOS = 20_000;
    /**
     * The current spin budget, adapted to the stream: it grows while spins catch messages (or the lane restarts
     * quickly) and halves on every spin that caught nothing, down to none — on a sparse stream (tens of
     * microseconds between messages) spinning only takes the core from the connector's I/O thread. Used by the
     * draining thread only (one at a time: handed over through {@link #pending}'s atomic updates).
     */
    private int spins = MAX_SPINS;
    /** When the last drain gave its thread back ({@link System#nanoTime()}); 0: never. Draining thread only. */
    private long idleSince;

    Lane(Executor executor, java.util.concurrent.ThreadFactory fallbackThreads, MessageProcessor processor,
            Delivery.SettleListener settle, RequestScope requestContext) {
        this.executor = executor;
        this.fallbackThreads = fallbackThreads;
        this.processor = processor;
        this.settle = settle;
        this.requestContext = requestContext;
    }

    /** Messages offered together: one queue node and one wake-up for all of them. */
    private static final class Chunk {
        final java.util.List<? extends InboundMessage> messages;

        Chunk(java.util.List<? extends InboundMessage> messages) {
            this.messages = messages;
        }
    }

    void offer(InboundMessage m) {
        enqueue(m);
    }

    /** Offers the messages in list order, as one queue entry. */
    void offerAll(java.util.List<? extends InboundMessage> messages) {
        enqueue(new Chunk(messages));
    }

    private void enqueue(Object item) {
        queue.offer(item);
        if (pending.getAndIncrement() == 0) {
            try {
                executor.execute(this);
            } catch (RejectedExecutionException e) {
                MessageProcessor.LOG.log(Level.WARNING, "TRB-RUN004 the executor refused work for '" + processor.channel
                        + "'; draining on a dedicated thread");
                Thread t = fallbackThreads.newThread(this);
                t.setName("tributary-lane-" + processor.channel);
                t.start();
            }
        }
    }

    /** Spins briefly while the queue is empty; true when a message arrived meanwhile. Adapts {@link #spins}. */
    private boolean awaitMore() {
        int budget = spins;
        for (int i = 0; i < budget; i++) {
            if (!queue.isEmpty()) {
                spins = Math.min(MAX_SPINS, budget + (budget >> 2) + 1);
                return true;
            }
            Thread.onSpinWait();
        }
        spins = budget >> 1;
        return !queue.isEmpty();
    }

    @Override
    public void run() {
        if (idleSince != 0 && spins < MAX_SPINS && System.nanoTime() - idleSince < QUICK_RESTART_NANOS) {
            spins = Math.min(MAX_SPINS, Math.max(16, spins << 1));
        }
        int missed = 1;
        for (;;) {
            Object item;
            do {
                while ((item = queue.poll()) != null) {
                    if (item.getClass() == Chunk.class) {
                        java.util.List<? extends InboundMessage> chunk = ((Chunk) item).messages;
                        for (int i = 0, n = chunk.size(); i < n; i++) {
                            processor.process(chunk.get(i), settle, requestContext);
                        }
                    } else {
                        processor.process((InboundMessage) item, settle, requestContext);
                    }
                }
            } while (awaitMore());
            idleSince = System.nanoTime();
            missed = pending.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }
}
