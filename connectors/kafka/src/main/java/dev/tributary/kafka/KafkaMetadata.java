package dev.tributary.kafka;

import java.time.Instant;
import java.util.Map;

/**
 * What Kafka says about a consumed record. A handler may declare a parameter of this type. Immutable.
 *
 * @param topic the topic the record was read from
 * @param partition its partition
 * @param offset its offset in the partition
 * @param timestampMillis its timestamp (create or log-append time, per the topic), epoch milliseconds
 * @param key the record key decoded as UTF-8, or {@code null} for a keyless record
 * @param headers every Kafka header of the record decoded as UTF-8 (including {@code content-type},
 *        {@code correlation_id}, {@code reply_to}); for a repeated header name the last value
 */
public record KafkaMetadata(String topic, int partition, long offset, long timestampMillis, String key,
        Map<String, String> headers) {

    /** The record's timestamp. */
    public Instant timestamp() {
        return Instant.ofEpochMilli(timestampMillis);
    }
}
