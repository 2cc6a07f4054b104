package dev.tributary.kafka;

import dev.tributary.TributaryException;
import dev.tributary.spi.OutboundMessage;
import dev.tributary.spi.CorrelationIdPolicy;
import dev.tributary.spi.Sender;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Publishes through the connector's one shared {@link org.apache.kafka.clients.producer.KafkaProducer}. The stage
 * completes in the producer's send callback (on its I/O thread) once the broker accepted the record, and fails
 * with {@code TRB-KAF003} (refused) or {@code TRB-KAF004} (not accepted within {@code publish.timeout}).
 * {@link #send} blocks only while the producer waits for the topic's metadata or for buffer space, bounded by
 * {@code max.block.ms} (= {@code publish.timeout}); a send from the producer's own I/O thread goes through the
 * runtime's executor instead. One sender per {@link CorrelationIdPolicy} serves every destination.
 * Thread-safe.
 */
final class KafkaSender implements Sender {

    private final KafkaConnector connector;
    /** When records carry {@code correlation_id}: see {@link KafkaWire#toRecord(OutboundMessage, CorrelationIdPolicy)}. */
    private final CorrelationIdPolicy correlationIdMode;
    /**
     * The producer's I/O thread (seen in the first callback). A send from it — a stage completed by this sender whose
     * continuation publishes again — is handed to the runtime's executor: {@code send} may block on metadata, which
     * only that thread can fetch.
     */
    private volatile Thread ioThread;
    private static final String IO_THREAD_PREFIX = "kafka-producer-network-thread";

    KafkaSender(KafkaConnector connector, CorrelationIdPolicy correlationIdMode) {
        this.connector = connector;
        this.correlationIdMode = correlationIdMode;
    }

    @Override
    public CompletionStage<Void> send(OutboundMessage message) {
        try {
            return send(KafkaWire.toRecord(checked(message), correlationIdMode));
        } catch (TributaryException e) {
            return CompletableFuture.failedStage(e);
        }
    }

    CompletionStage<Void> send(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Producer<byte[], byte[]> producer;
        try {
            producer = connector.producer();
        } catch (TributaryException e) {
            return CompletableFuture.failedStage(e);
        }
        if (Thread.currentThread() == ioThread) {
            try {
                connector.executor().execute(() -> send(producer, record, done));
            } catch (RuntimeException e) {
                done.completeExceptionally(map(record.topic(), e));
            }
            return done;
        }
        send(producer, record, done);
        return done;
    }

    private void send(Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record,
            CompletableFuture<Void> done) {
        try {
            producer.send(record, (meta, failure) -> {
                if (ioThread == null && Thread.currentThread().getName().startsWith(IO_THREAD_PREFIX)) {
                    ioThread = Thread.currentThread(); // not the caller's thread, where early failures are reported
                }
                if (failure == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(map(record.topic(), failure));
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(map(record.topic(), e));
        }
    }

    private OutboundMessage checked(OutboundMessage m) {
        String topic = m.address();
        if (topic == null || topic.isEmpty()) {
            throw KafkaErrors.invalidAddress(String.valueOf(topic), "a Kafka topic name is needed");
        }
        if (topic.indexOf('{') >= 0 || topic.indexOf('}') >= 0) {
            throw KafkaErrors.invalidAddress(topic, "it has an unfilled {param}; publish to a concrete topic");
        }
        return m;
    }

    private TributaryException map(String topic, Throwable failure) {
        if (failure instanceof TributaryException t) {
            return t;
        }
        if (failure instanceof TimeoutException) {
            return KafkaErrors.publishTimedOut(connector.name(), topic, connector.config().publishTimeout().toMillis(),
                    failure);
        }
        if (failure instanceof IllegalStateException && connector.isClosed()) {
            return KafkaErrors.closed(connector.name());
        }
        return KafkaErrors.publishFailed(connector.name(), topic, failure);
    }
}
