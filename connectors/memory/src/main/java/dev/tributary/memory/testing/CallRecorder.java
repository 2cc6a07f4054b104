package dev.tributary.memory.testing;

import dev.tributary.memory.MemoryConnector;
import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.InvocationListener;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link InvocationListener} the test broker registers: records every handler call in order, tells
 * the memory connector the invocation is over, and hands the first failure to whoever waits for it.
 * Called on the runtime's worker threads; fast and never throws.
 */
final class CallRecorder implements InvocationListener {

    private final List<HandlerCall> calls = new ArrayList<>(); // guarded by this
    private final List<CompletableFuture<Throwable>> failureWaiters = new ArrayList<>(); // guarded by this
    private long cleared; // calls dropped by clear(), so that marks stay valid

    @Override
    public void invoked(Class<?> beanClass, Method method, String channel, InboundMessage message, Object body,
            Throwable failure) {
        HandlerCall call = new HandlerCall(beanClass, method, channel, message.address(), message.headers(),
                message.correlationId(), body, failure);
        List<CompletableFuture<Throwable>> wake = List.of();
        synchronized (this) {
            calls.add(call);
            if (failure != null && !failureWaiters.isEmpty()) {
                wake = new ArrayList<>(failureWaiters);
                failureWaiters.clear();
            }
        }
        for (CompletableFuture<Throwable> w : wake) {
            w.complete(failure);
        }
        // recorded first: once the connector sees the invocation over, the call is visible
        MemoryConnector.invocationFinished(message);
    }

    /** A position in the record; calls after it are "since" the mark. */
    synchronized long mark() {
        return cleared + calls.size();
    }

    synchronized List<HandlerCall> calls() {
        return List.copyOf(calls);
    }

    /** The first failure recorded after the mark, or {@code null}. */
    synchronized Throwable firstFailureSince(long mark) {
        for (int i = (int) Math.max(0, mark - cleared); i < calls.size(); i++) {
            if (calls.get(i).failure() != null) {
                return calls.get(i).failure();
            }
        }
        return null;
    }

    /** Completes with the first failure recorded after the mark (at once if there is one already). */
    synchronized CompletableFuture<Throwable> failureSince(long mark) {
        CompletableFuture<Throwable> f = new CompletableFuture<>();
        Throwable already = firstFailureSince(mark);
        if (already != null) {
            f.complete(already);
        } else {
            failureWaiters.add(f);
        }
        return f;
    }

    synchronized void forget(CompletableFuture<Throwable> waiter) {
        failureWaiters.remove(waiter);
    }

    synchronized void clear() {
        cleared += calls.size();
        calls.clear();
    }
}
