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
     * How long (in spin-wait hints, a few microseconds in all) an emptied lane keeps its thread before giving
     * it back: under steady load the next message usually arrives within that time, and handing the lane to
     * a new executor task per message would cost far more (queue hand-off and a thread wake-up).
     */
    private static final int SPINS = 256;

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

    /** Spins briefly while the queue is empty; true when a message arrived meanwhile. */
    private boolean awaitMore() {
        for (int i = 0; i < SPINS; i++) {
            if (!queue.isEmpty()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return !queue.isEmpty();
    }

    @Override
    public void run() {
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
            missed = pending.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }
}
