package dev.tributary.kafka;

import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of one assigned partition that a subscription delivered and not yet committed. Used by the
 * poll thread only (not thread-safe); deliveries' settlement states are read, never written here.
 *
 * <p>The commit point is the highest contiguous processed offset + 1: the offset of the oldest delivery not
 * yet done, or, when every delivery is done, the offset after the last one delivered. So an ack out of order
 * never commits past a record still being handled, and a restart redelivers exactly from the first record not
 * processed.
 *
 * <p>Cost per record: the deliveries in flight are a list linked through {@link KafkaDelivery#next} (no array,
 * no node: one field write per delivery), oldest first; {@link #prune()} unlinks the done prefix before each
 * batch of the partition. With {@code processedOnDelivery} ({@code ACK_FIRST}: the runtime acks every message before
 * its handler runs) no list is kept at all: a record counts as processed once handed to the runtime.
 */
final class PartitionTrack {

    final TopicPartition partition;
    /** {@code <topic>-<partition>}: the ordering key of its records when ordering by partition. */
    final String label;
    /** {@code ACK_FIRST}: delivered = processed; no list kept. */
    private final boolean processedOnDelivery;
    /** The oldest delivery not known to be done, or {@code null}; the list runs to {@link #tail}. */
    private KafkaDelivery head;
    private KafkaDelivery tail;
    private long lastDelivered = -1;
    /** The last offset committed (or being committed); -1: none by this subscription. */
    long committed = -1;
    /** Set when the partition was revoked or lost: its deliveries no longer count. */
    boolean revoked;

    PartitionTrack(TopicPartition partition) {
        this(partition, false);
    }

    PartitionTrack(TopicPartition partition, boolean processedOnDelivery) {
        this.partition = partition;
        this.label = partition.topic() + "-" + partition.partition();
        this.processedOnDelivery = processedOnDelivery;
    }

    void delivered(KafkaDelivery d) {
        if (!processedOnDelivery) {
            if (tail == null) {
                head = d;
            } else {
                tail.next = d;
            }
            tail = d;
        }
        lastDelivered = d.offset();
    }

    /**
     * Unlinks the done prefix of the list. Called before each batch of the partition is delivered, not only at
     * commit time: a processed record then becomes garbage while young, instead of being kept (with its value)
     * for up to a commit interval and copied by every young collection meanwhile.
     */
    void prune() {
        KafkaDelivery h = head;
        while (h != null && h.isDone()) {
            KafkaDelivery n = h.next;
            h.next = null; // no chain from an older delivery to younger ones for the GC to follow
            h = n;
        }
        head = h;
        if (h == null) {
            tail = null;
        }
    }

    /** The offset to commit (next to process), or -1 when nothing was delivered yet. */
    long commitPoint() {
        prune();
        KafkaDelivery h = head;
        if (h != null) {
            return h.offset();
        }
        return lastDelivered < 0 ? -1 : lastDelivered + 1;
    }

    /**
     * Forgets every delivery at or after {@code offset} (a seek back to it follows): their settlements no longer
     * count, they will be delivered again.
     */
    void rewindTo(long offset) {
        KafkaDelivery keep = null; // the last delivery before offset (the list is in offset order)
        for (KafkaDelivery d = head; d != null && d.offset() < offset; d = d.next) {
            keep = d;
        }
        KafkaDelivery rest = keep == null ? head : keep.next;
        while (rest != null) {
            rest.superseded = true;
            KafkaDelivery n = rest.next;
            rest.next = null;
            rest = n;
        }
        if (keep == null) {
            head = null;
            tail = null;
        } else {
            keep.next = null;
            tail = keep;
        }
        if (lastDelivered >= offset) {
            lastDelivered = offset - 1;
        }
        if (committed > offset) {
            committed = offset;
        }
    }

    /** Deliveries not yet done (diagnostics). */
    int unsettled() {
        int n = 0;
        for (KafkaDelivery d = head; d != null; d = d.next) {
            if (!d.isDone()) {
                n++;
            }
        }
        return n;
    }

    /** The partition is gone (revoked or lost): every delivery is superseded. */
    void revoke() {
        revoked = true;
        KafkaDelivery d = head;
        while (d != null) {
            d.superseded = true;
            KafkaDelivery n = d.next;
            d.next = null;
            d = n;
        }
        head = null;
        tail = null;
    }
}
