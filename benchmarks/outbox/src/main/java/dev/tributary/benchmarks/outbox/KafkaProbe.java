package dev.tributary.benchmarks.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic's end offset (the number of records written to its one partition), for the throughput runs' "all N
 * records in Kafka" check. A group-less consumer asking the broker for offsets only. Not thread-safe: one thread.
 */
final class KafkaProbe implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition partition;

    KafkaProbe(String bootstrap, String topic) {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrap);
        p.put("enable.auto.commit", "false");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition)); // unassigned, every endOffsets answer logs a warning
    }

    long endOffset() {
        return consumer.endOffsets(List.of(partition), Duration.ofSeconds(10)).get(partition);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
