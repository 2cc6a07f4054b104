package dev.tributary.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The raw kafka-clients side. One producer for the whole benchmark (as Tributary's connector keeps one); a new
 * consumer (new group) per consume run. JSON: encoded / decoded with Yasson exactly as Tributary's default codec
 * does ({@code JsonbConfig().withNullValues(true)}, String ↔ UTF-8 bytes).
 */
final class KafkaRawSide implements AutoCloseable {

    static final byte[] JSON_CONTENT_TYPE = "application/json".getBytes(StandardCharsets.UTF_8);

    private final String bootstrap;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true));
    private int groups;

    KafkaRawSide(String bootstrap) {
        this.bootstrap = bootstrap;
        Map<String, Object> p = new HashMap<>(KafkaSettings.PRODUCER);
        p.putAll(KafkaSettings.PRODUCER_TIMEOUTS);
        p.put("bootstrap.servers", bootstrap);
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends {@code n} records and returns the seconds until every send callback has run. */
    double produce(KafkaCase c, int n) throws InterruptedException {
        KafkaRun run = new KafkaRun(n);
        String topic = c.topic();
        run.started();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ProducerRecord<byte[], byte[]> record;
            if (c.json) {
                byte[] body = jsonb.toJson(KafkaBodies.QUOTE).getBytes(StandardCharsets.UTF_8);
                record = new ProducerRecord<>(topic, body);
                record.headers().add(new RecordHeader("content-type", JSON_CONTENT_TYPE));
            } else {
                record = new ProducerRecord<>(topic, KafkaBodies.RAW);
            }
            if (c.correlationId) {
                // as an application would write FastStream's header by hand: a random UUID per record
                ThreadLocalRandom random = ThreadLocalRandom.current();
                record.headers().add(new RecordHeader("correlation_id",
                        new UUID(random.nextLong(), random.nextLong()).toString().getBytes(StandardCharsets.UTF_8)));
            }
            producer.send(record, (meta, e) -> {
                if (e != null) {
                    run.failed(e);
                } else {
                    run.completed();
                }
            });
        }
        run.await(60, "raw produce " + c.key);
        return (run.lastNanos() - start) / 1e9;
    }

    /** Pre-fills a consume topic: the same records for both sides (JSON ones carry content-type application/json). */
    void fill(KafkaCase c, int n) throws InterruptedException {
        KafkaRun run = new KafkaRun(n);
        byte[] body = c.json ? jsonb.toJson(KafkaBodies.QUOTE).getBytes(StandardCharsets.UTF_8) : KafkaBodies.RAW;
        for (int i = 0; i < n; i++) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(c.topic(), body);
            if (c.json) {
                record.headers().add(new RecordHeader("content-type", JSON_CONTENT_TYPE));
            }
            producer.send(record, (meta, e) -> {
                if (e != null) {
                    run.failed(e);
                } else {
                    run.completed();
                }
            });
        }
        run.await(120, "fill " + c.key);
    }

    /**
     * Reads the whole pre-filled topic with a new group; returns the seconds from the first record handled to the
     * {@code n}-th (group join and start-up excluded, as on the Tributary side).
     */
    double consume(KafkaCase c, int n) throws InterruptedException {
        Map<String, Object> p = new HashMap<>(KafkaSettings.CONSUMER);
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "raw-" + c.key + "-" + (++groups) + "-" + System.nanoTime());
        KafkaRun run = new KafkaRun(n);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(c.topic()));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long handled = 0;
            while (handled < n) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("raw consume " + c.key + ": " + handled + " of " + n + " after 120 s");
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (c.json) {
                        Quote q = jsonb.fromJson(new String(r.value(), StandardCharsets.UTF_8), Quote.class);
                        run.checksum.addAndGet(q.quantity());
                    } else {
                        run.checksum.addAndGet(r.value().length);
                    }
                    run.completed();
                    handled++;
                }
                consumer.commitAsync();
            }
            run.await(1, "raw consume " + c.key);
        }
        return (run.lastNanos() - run.firstNanos()) / 1e9;
    }

    @Override
    public void close() throws Exception {
        producer.close(Duration.ofSeconds(5));
        jsonb.close();
    }
}
