package dev.tributary.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The commit point is the highest contiguous processed offset + 1, whatever the order of settlement. */
class PartitionTrackTest {

    private final PartitionTrack track = new PartitionTrack(new TopicPartition("t", 0));

    private List<KafkaDelivery> deliver(long from, int n) {
        List<KafkaDelivery> out = new ArrayList<>();
        for (long o = from; o < from + n; o++) {
            KafkaDelivery d = new KafkaDelivery(new ConsumerRecord<>("t", 0, o, null, new byte[0]), track, null, false);
            track.delivered(d);
            out.add(d);
        }
        return out;
    }

    @Test
    void nothingDeliveredCommitsNothing() {
        assertThat(track.commitPoint()).isEqualTo(-1);
    }

    @Test
    void outOfOrderAcksCommitOnlyTheContiguousPrefix() {
        List<KafkaDelivery> d = deliver(10, 5); // offsets 10..14
        d.get(1).ack();
        d.get(3).ack();
        assertThat(track.commitPoint()).as("10 still in flight").isEqualTo(10);

        d.get(0).ack();
        assertThat(track.commitPoint()).as("10, 11 done; 12 in flight").isEqualTo(12);

        d.get(2).ack();
        assertThat(track.commitPoint()).as("14 in flight").isEqualTo(14);

        d.get(4).ack();
        assertThat(track.commitPoint()).isEqualTo(15);
    }

    @Test
    void aRejectCountsAsProcessedButANackDoesNot() {
        List<KafkaDelivery> d = deliver(0, 3);
        d.get(0).reject();
        d.get(1).nack();
        d.get(2).ack();
        assertThat(track.commitPoint()).isEqualTo(1);
    }

    @Test
    void rewindForgetsLaterDeliveriesAndTheirAcks() {
        List<KafkaDelivery> d = deliver(0, 5);
        d.get(0).ack();
        d.get(2).nack();
        d.get(3).ack();
        track.rewindTo(2);
        assertThat(d.get(3).superseded).isTrue();
        assertThat(d.get(1).superseded).isFalse();
        d.get(1).ack();
        assertThat(track.commitPoint()).as("2 comes again").isEqualTo(2);

        List<KafkaDelivery> again = deliver(2, 3);
        again.forEach(KafkaDelivery::ack);
        assertThat(track.commitPoint()).isEqualTo(5);
    }

    @Test
    void underAckFirstADeliveryCountsAsProcessedOnceHandedOver() {
        PartitionTrack first = new PartitionTrack(new TopicPartition("t", 0), true);
        assertThat(first.commitPoint()).isEqualTo(-1);
        for (long o = 7; o < 10; o++) {
            first.delivered(new KafkaDelivery(new ConsumerRecord<>("t", 0, o, null, new byte[0]), first, null, false));
        }
        assertThat(first.commitPoint()).as("nothing settled, all handed over").isEqualTo(10);
        assertThat(first.unsettled()).isZero();
    }

    @Test
    void revokeSupersedesEveryDeliveryInFlight() {
        List<KafkaDelivery> d = deliver(0, 3);
        d.get(0).ack();
        track.revoke();
        assertThat(d).allMatch(x -> x.superseded);
        assertThat(track.unsettled()).isZero();
    }

    @Test
    void settlementIsIdempotentAndTheFirstCallWins() {
        KafkaDelivery d = deliver(0, 1).get(0);
        d.ack();
        d.nack();
        d.reject();
        assertThat(d.state()).isEqualTo(KafkaDelivery.ACKED);
    }
}
