package dev.tributary.kafka;

import dev.tributary.spi.InboundMessage;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One consumed record as the runtime sees it. Settlement is lock-free and may come from any thread: the
 * first of ack/nack/reject wins, later calls do nothing and return a completed stage. The poll thread reads
 * the state to compute the highest contiguous processed offset of the partition ({@link PartitionTrack});
 * a nack is also queued to the poll thread, which seeks back. A rejected record that goes to a dead-letter
 * topic counts as processed only once the dead-letter topic accepted it.
 */
final class KafkaDelivery implements InboundMessage {

    static final int UNSETTLED = 0;
    static final int ACKED = 1;
    static final int NACKED = 2;
    static final int DEAD_LETTERING = 3;
    static final int REJECTED = 4;

    static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(KafkaDelivery.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final ConsumerRecord<byte[], byte[]> record;
    /** The record's offset, kept here: the commit bookkeeping reads it without touching the record. */
    private final long offset;
    /** The partition bookkeeping it belongs to; {@code null} for a reply handed to a requester. */
    final PartitionTrack track;
    /** The subscription that delivered it; {@code null} for a reply. */
    final KafkaSubscription owner;
    private final boolean orderByKey;
    private volatile int state;
    /** Poll thread only: removed from its track by a seek back or a revocation; its settlement no longer counts. */
    boolean superseded;
    /** Poll thread only: the next delivery of the same partition ({@link PartitionTrack}'s in-flight list). */
    KafkaDelivery next;
    /** The headers, read on first use (by the worker, not the poll thread); racy but idempotent. */
    private KafkaWire.Inbound wire;
    private KafkaMetadata metadata;

    KafkaDelivery(ConsumerRecord<byte[], byte[]> record, PartitionTrack track, KafkaSubscription owner,
            boolean orderByKey) {
        this.record = record;
        this.offset = record.offset();
        this.track = track;
        this.owner = owner;
        this.orderByKey = orderByKey;
        this.wire = KafkaWire.readIfEmpty(record); // cheap while the record is hot; headers proper are read lazily
    }

    private KafkaWire.Inbound wire() {
        KafkaWire.Inbound w = wire;
        if (w == null) {
            w = KafkaWire.read(record);
            wire = w; // an immutable record with final fields: safe to publish racily
        }
        return w;
    }

    long offset() {
        return offset;
    }

    @Override
    public byte[] body() {
        byte[] v = record.value();
        return v == null ? dev.tributary.EncodedBody.EMPTY : v;
    }

    @Override
    public Map<String, String> headers() {
        return wire().userHeaders();
    }

    @Override
    public String contentType() {
        return wire().contentType();
    }

    @Override
    public String correlationId() {
        return wire().correlationId();
    }

    @Override
    public String replyTo() {
        return wire().replyTo();
    }

    @Override
    public String address() {
        return record.topic();
    }

    /** The {@code message_id} header when a producer set one, else {@code <offset>-<timestamp>} (FastStream's id). */
    @Override
    public String messageId() {
        String id = wire().messageId();
        return id != null ? id : record.offset() + "-" + record.timestamp();
    }

    /**
     * The ordering key: {@code <topic>-<partition>}, or, when ordering by key, the record key ({@code null} for a
     * keyless record: no order, spread over the workers). See {@link KafkaConfig#ordering()}.
     */
    @Override
    public String key() {
        if (orderByKey) {
            return KafkaWire.text(record.key());
        }
        return track != null ? track.label : record.topic() + "-" + record.partition();
    }

    @Override
    public Object metadata() {
        KafkaMetadata m = metadata;
        if (m == null) {
            m = new KafkaMetadata(record.topic(), record.partition(), record.offset(), record.timestamp(),
                    KafkaWire.text(record.key()), KafkaWire.allHeaders(record));
            metadata = m;
        }
        return m;
    }

    @Override
    public CompletionStage<Void> ack() {
        STATE.compareAndSet(this, UNSETTLED, ACKED);
        return DONE;
    }

    @Override
    public CompletionStage<Void> nack() {
        if (STATE.compareAndSet(this, UNSETTLED, NACKED) && owner != null) {
            owner.nacked(this);
        }
        return DONE;
    }

    @Override
    public CompletionStage<Void> reject() {
        if (owner != null && owner.deadLetter() != null) {
            if (STATE.compareAndSet(this, UNSETTLED, DEAD_LETTERING)) {
                owner.deadLetter(this).whenComplete((v, t) -> state = REJECTED);
            }
        } else {
            STATE.compareAndSet(this, UNSETTLED, REJECTED);
        }
        return DONE;
    }

    /** Whether it was processed for good (acked, or rejected and dead-lettered): its offset may be committed. */
    boolean isDone() {
        int s = state;
        return s == ACKED || s == REJECTED;
    }

    int state() {
        return state;
    }

    @Override
    public String toString() {
        return "KafkaDelivery[" + record.topic() + "-" + record.partition() + "@" + record.offset() + "]";
    }
}
