package dev.tributary.outbox.internal;

import dev.tributary.outbox.OutboxMetadata;
import dev.tributary.spi.InboundMessage;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A claimed row delivered to the runtime. The first of {@link #ack()}, {@link #nack()}, {@link #reject()} decides;
 * the write happens in the subscription's next settlement batch and the returned stage completes when it
 * committed. Thread-safe.
 */
final class OutboxDelivery implements InboundMessage {
    final ClaimedRow row;
    private final OutboxSubscription owner;
    private final Map<String, String> headers;
    private final AtomicReference<CompletableFuture<Void>> settled = new AtomicReference<>();
    /** The lease this delivery settles with (a later claim of the same row by this subscription renews it). */
    volatile String leaseToken;
    /** When the lease was last stamped or renewed ({@link System#nanoTime()}). */
    volatile long leasedAt = System.nanoTime();
    /** What the handler threw (noted by {@link FailureNotes}), for the row's last error. */
    volatile Throwable failure;

    OutboxDelivery(ClaimedRow row, OutboxSubscription owner) {
        this.row = row;
        this.owner = owner;
        this.headers = HeaderText.decode(row.headers());
        this.leaseToken = row.leaseToken();
    }

    @Override
    public byte[] body() {
        byte[] p = row.payload();
        return p != null ? p : dev.tributary.EncodedBody.EMPTY; // Oracle stores an empty BLOB as NULL
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public String contentType() {
        return row.contentType();
    }

    @Override
    public String correlationId() {
        return row.correlationId();
    }

    @Override
    public String replyTo() {
        return null;
    }

    @Override
    public String address() {
        return row.queue();
    }

    @Override
    public String messageId() {
        return row.id();
    }

    @Override
    public String key() {
        return row.orderingKey();
    }

    @Override
    public Object metadata() {
        return new OutboxMetadata(row.id(), row.queue(), row.attempts(), Instant.ofEpochMilli(row.created()),
                row.dedupKey());
    }

    @Override
    public CompletionStage<Void> ack() {
        return settle(Settlement.Kind.DONE);
    }

    @Override
    public CompletionStage<Void> nack() {
        return settle(Settlement.Kind.RETRY);
    }

    @Override
    public CompletionStage<Void> reject() {
        return settle(Settlement.Kind.DEAD);
    }

    boolean isSettled() {
        return settled.get() != null;
    }

    private CompletionStage<Void> settle(Settlement.Kind kind) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (!settled.compareAndSet(null, f)) {
            return settled.get();
        }
        owner.settle(this, kind, f);
        return f;
    }

    @Override
    public String toString() {
        return "OutboxDelivery[" + row.id() + " on " + row.queue() + "]";
    }
}
