package dev.tributary.memory;

import dev.tributary.RequestTimeoutException;
import dev.tributary.spi.InboundMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Requests waiting for their reply. A reply is any message published to the request's generated reply
 * address, or, when the requester chose the reply address, a message there with the request's
 * correlation id. Entries leave on reply, timeout or close: nothing leaks. Thread-safe.
 */
final class PendingRequests {

    private static final class Pending {
        final String address;
        final String correlationId;
        final boolean generated;
        final CompletableFuture<InboundMessage> reply = new CompletableFuture<>();
        volatile ScheduledFuture<?> timer;

        Pending(String address, String correlationId, boolean generated) {
            this.address = address;
            this.correlationId = correlationId;
            this.generated = generated;
        }
    }

    private final ConcurrentHashMap<String, Pending> byCorrelation = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Pending> byAddress = new ConcurrentHashMap<>();

    /**
     * Registers a request before it is published.
     *
     * @param generated whether {@code replyAddress} was made for this request alone
     */
    CompletableFuture<InboundMessage> register(String replyAddress, String correlationId, boolean generated,
            String requestAddress, Duration timeout, ScheduledExecutorService scheduler) {
        Pending p = new Pending(replyAddress, correlationId, generated);
        Pending before = byCorrelation.putIfAbsent(correlationId, p);
        if (before != null) {
            return CompletableFuture.failedFuture(MemoryErrors.duplicateCorrelationId(correlationId));
        }
        if (generated) {
            byAddress.put(replyAddress, p);
        }
        ScheduledFuture<?> timer = scheduler.schedule(
                () -> fail(p, new RequestTimeoutException(requestAddress, timeout)),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        p.timer = timer;
        if (p.reply.isDone()) {
            timer.cancel(false);
        }
        return p.reply;
    }

    /**
     * Completes the request this message answers, if any.
     *
     * @return whether it answered a request on a generated (single-use) reply address
     */
    boolean complete(MemoryRecord record) {
        if (byCorrelation.isEmpty()) {
            return false;
        }
        Pending p = byAddress.get(record.address());
        if (p == null && record.correlationId() != null) {
            p = byCorrelation.get(record.correlationId());
            if (p != null && !p.address.equals(record.address())) {
                p = null;
            }
        }
        if (p == null || !forget(p)) {
            return false;
        }
        p.reply.complete(new MemoryDelivery(record, 0, null));
        return p.generated;
    }

    /** Fails a request (timeout, publish failure). */
    void fail(String correlationId, Throwable failure) {
        Pending p = byCorrelation.get(correlationId);
        if (p != null) {
            fail(p, failure);
        }
    }

    private void fail(Pending p, Throwable failure) {
        if (forget(p)) {
            p.reply.completeExceptionally(failure);
        }
    }

    /** Fails every waiting request (the connector closes). */
    void failAll(java.util.function.Function<String, Throwable> failure) {
        for (Pending p : byCorrelation.values()) {
            fail(p, failure.apply(p.address));
        }
    }

    private boolean forget(Pending p) {
        if (!byCorrelation.remove(p.correlationId, p)) {
            return false;
        }
        if (p.generated) {
            byAddress.remove(p.address, p);
        }
        ScheduledFuture<?> t = p.timer;
        if (t != null) {
            t.cancel(false);
        }
        return true;
    }

    /** Requests still waiting (tests: no leak). */
    int size() {
        return byCorrelation.size();
    }
}
