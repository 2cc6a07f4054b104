package dev.tributary.benchmarks.outbox;

import dev.tributary.AckPolicy;
import dev.tributary.Incoming;
import dev.tributary.Outgoing;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The relay, written as a user writes it (outbox-jpa README): outbox queue {@code bench} to Kafka topic {@code bench},
 * a failed Kafka publish nacks the row (retry policy) instead of rejecting it. Its only extra work is noting when a
 * row reached it ({@link RelayProbe}). {@code maxWorkers} comes from {@code tributary.channels.bench.max-workers}.
 */
@ApplicationScoped
public class RelayHandler {

    @Incoming(value = BenchWriter.QUEUE, connector = "outbox", ackPolicy = AckPolicy.NACK_ON_ERROR)
    @Outgoing(value = BenchWriter.QUEUE, connector = "kafka")
    byte[] relay(byte[] b) {
        RelayProbe.handled(b);
        return b;
    }
}
