package dev.tributary.benchmarks.outbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A Kafka {@link ProducerInterceptor} set on the relay's producer in latency runs
 * ({@code tributary.connectors.kafka.producer.interceptor.classes}): notes, per offset of the {@code bench} topic, when
 * the broker acknowledged the relay's send ({@code onAcknowledgement} runs on the producer's I/O thread as the produce
 * response arrives, before the send's callback). The harness maps offsets to sequence numbers through the records its
 * consumer receives. Passes records through unchanged. Static state, reset by the harness between runs; thread-safe.
 */
public final class AckProbe implements ProducerInterceptor<Object, Object> {
    static final Map<Long, Long> ACKED_NANOS = new ConcurrentHashMap<>();

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        if (exception == null && metadata != null && metadata.hasOffset() && BenchWriter.QUEUE.equals(metadata.topic())) {
            ACKED_NANOS.putIfAbsent(metadata.offset(), System.nanoTime());
        }
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    static void reset() {
        ACKED_NANOS.clear();
    }
}
