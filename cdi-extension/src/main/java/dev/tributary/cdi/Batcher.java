package dev.tributary.cdi;

import dev.tributary.spi.InboundMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Gathers a batch subscription's messages: a batch is handed on when it holds {@code size} messages or when
 * {@code wait} has passed since its first message, whichever comes first. {@link #add} runs on connector
 * threads (a short lock, never blocks on I/O); the timer runs on the runtime's scheduler.
 */
final class Batcher {
    private final int size;
    private final long waitNanos;
    private final ScheduledExecutorService timer;
    private final Consumer<List<InboundMessage>> ready;
    private List<InboundMessage> open;
    private ScheduledFuture<?> deadline;

    Batcher(int size, Duration wait, ScheduledExecutorService timer, Consumer<List<InboundMessage>> ready) {
        this.size = size;
        this.waitNanos = wait.toNanos();
        this.timer = timer;
        this.ready = ready;
    }

    void add(InboundMessage m) {
        List<InboundMessage> full = null;
        synchronized (this) {
            boolean started = open == null;
            if (started) {
                open = new ArrayList<>(Math.min(size, 1024));
            }
            open.add(m);
            if (open.size() >= size) {
                full = open;
                open = null;
                if (deadline != null) {
                    deadline.cancel(false);
                    deadline = null;
                }
            } else if (started) {
                List<InboundMessage> batch = open;
                try {
                    deadline = timer.schedule(() -> expire(batch), waitNanos, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException stopping) {
                    full = open; // no timer any more (the runtime is stopping): hand it on now
                    open = null;
                }
            }
        }
        if (full != null) {
            ready.accept(full);
        }
    }

    private void expire(List<InboundMessage> batch) {
        synchronized (this) {
            if (open != batch) {
                return; // handed on when it filled
            }
            open = null;
            deadline = null;
        }
        ready.accept(batch);
    }
}
