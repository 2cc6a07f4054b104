package dev.tributary.kafka;

import java.util.ArrayDeque;
import java.util.Iterator;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of one assigned partition that a subscription delivered and not yet committed. Used by the
 * poll thread only (not thread-safe); deliveries' settlement states are read, never written here.
 *
 * <p>The commit point is the highest contiguous processed offset + 1: the offset of the oldest delivery not
 * yet done, or, when every delivery is done, the offset after the last one delivered. So an ack out of order
 * never commits past a record still being handled, and a restart redelivers exactly from the first record not
 * processed.
 */
final class PartitionTrack {

    final TopicPartition partition;
    /** {@code <topic>-<partition>}: the ordering key of its records when ordering by partition. */
    final String label;
    private final ArrayDeque<KafkaDelivery> inFlight = new ArrayDeque<>();
    private long lastDelivered = -1;
    /** The last offset committed (or being committed); -1: none by this subscription. */
    long committed = -1;
    /** Set when the partition was revoked or lost: its deliveries no longer count. */
    boolean revoked;

    PartitionTrack(TopicPartition partition) {
        this.partition = partition;
        this.label = partition.topic() + "-" + partition.partition();
    }

    void delivered(KafkaDelivery d) {
        inFlight.addLast(d);
        lastDelivered = d.offset();
    }

    /** The offset to commit (next to process), or -1 when nothing was delivered yet. */
    long commitPoint() {
        KafkaDelivery head;
        while ((head = inFlight.peekFirst()) != null && head.isDone()) {
            inFlight.pollFirst();
        }
        if (head != null) {
            return head.offset();
        }
        return lastDelivered < 0 ? -1 : lastDelivered + 1;
    }

    /**
     * Forgets every delivery at or after {@code offset} (a seek back to it follows): their settlements no longer
     * count, they will be delivered again.
     */
    void rewindTo(long offset) {
        Iterator<KafkaDelivery> it = inFlight.descendingIterator();
        while (it.hasNext()) {
            KafkaDelivery d = it.next();
            if (d.offset() < offset) {
                break;
            }
            d.superseded = true;
            it.remove();
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
        for (KafkaDelivery d : inFlight) {
            if (!d.isDone()) {
                n++;
            }
        }
        return n;
    }

    /** The partition is gone (revoked or lost): every delivery is superseded. */
    void revoke() {
        revoked = true;
        for (KafkaDelivery d : inFlight) {
            d.superseded = true;
        }
        inFlight.clear();
    }
}
