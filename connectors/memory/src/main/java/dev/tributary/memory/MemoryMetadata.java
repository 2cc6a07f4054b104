package dev.tributary.memory;

import java.time.Instant;

/**
 * What the in-memory broker knows about a delivered message. A handler may declare a parameter of this
 * type. Immutable.
 *
 * @param address the concrete address the message was published to
 * @param sequence the broker-wide publish sequence number (1, 2, …; increases in publish order)
 * @param redeliveryCount how many times this message was delivered before to the same queue (0 on the
 *        first delivery; +1 per nack and per stop with the message unsettled)
 * @param timestampMillis when it was published, in epoch milliseconds
 */
public record MemoryMetadata(String address, long sequence, int redeliveryCount, long timestampMillis) {

    /** When it was published. */
    public Instant timestamp() {
        return Instant.ofEpochMilli(timestampMillis);
    }

    /** Whether this is a redelivery. */
    public boolean redelivered() {
        return redeliveryCount > 0;
    }
}
