package dev.tributary.memory;

import dev.tributary.spi.InboundMessage;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One copy of a {@link MemoryRecord} in one queue: the {@link InboundMessage} a sink receives. Settlement
 * is lock-free: the first of ack/nack/reject (or the reclaim when its subscription stops) wins, later
 * calls do nothing and return the same completed stage.
 */
final class MemoryDelivery implements InboundMessage {

    static final int UNSETTLED = 0;
    static final int ACKED = 1;
    static final int NACKED = 2;
    static final int REJECTED = 3;
    /** Taken back by the queue when its subscription stopped; a later settle is a no-op. */
    static final int RECLAIMED = 4;

    static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(MemoryDelivery.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final MemoryRecord record;
    final int redeliveries;
    /** The queue it belongs to; {@code null} for a reply handed to a requester. */
    final MemoryQueue queue;
    /** The subscription it was delivered to; written by the delivering thread before the sink sees it. */
    MemorySubscription owner;

    private volatile int state;
    private MemoryMetadata metadata;

    // test mode only (see MemoryBroker#awaitIdle)
    volatile boolean invoked;
    volatile long settledAt;

    MemoryDelivery(MemoryRecord record, int redeliveries, MemoryQueue queue) {
        this.record = record;
        this.redeliveries = redeliveries;
        this.queue = queue;
    }

    @Override
    public byte[] body() {
        return record.body();
    }

    @Override
    public Map<String, String> headers() {
        return record.headers();
    }

    @Override
    public String contentType() {
        return record.contentType();
    }

    @Override
    public String correlationId() {
        return record.correlationId();
    }

    @Override
    public String replyTo() {
        return record.replyTo();
    }

    @Override
    public String address() {
        return record.address();
    }

    @Override
    public String messageId() {
        return record.messageId();
    }

    @Override
    public String key() {
        return record.key();
    }

    @Override
    public Object metadata() {
        MemoryMetadata m = metadata;
        if (m == null) {
            // racy but idempotent: equal records
            m = new MemoryMetadata(record.address(), record.sequence(), redeliveries, record.timestamp());
            metadata = m;
        }
        return m;
    }

    @Override
    public CompletionStage<Void> ack() {
        return settle(ACKED);
    }

    @Override
    public CompletionStage<Void> nack() {
        return settle(NACKED);
    }

    @Override
    public CompletionStage<Void> reject() {
        return settle(REJECTED);
    }

    private CompletionStage<Void> settle(int outcome) {
        MemoryQueue q = queue;
        boolean tracked = q != null && q.broker.tracking;
        if (tracked) {
            settledAt = System.nanoTime();
        }
        if (STATE.compareAndSet(this, UNSETTLED, outcome) && q != null) {
            q.settled(this, outcome);
            if (tracked) {
                q.broker.signal();
            }
        }
        return DONE;
    }

    /** Takes an unsettled delivery back (its subscription stopped); false when it was settled already. */
    boolean reclaim() {
        return STATE.compareAndSet(this, UNSETTLED, RECLAIMED);
    }

    boolean isSettled() {
        return state != UNSETTLED;
    }

    int state() {
        return state;
    }

    @Override
    public String toString() {
        return "MemoryDelivery[" + record.address() + " #" + record.sequence() + " redelivery " + redeliveries + "]";
    }
}
