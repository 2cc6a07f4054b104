package dev.tributary.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client settings both sides use. Raw clients get them as kafka-clients properties; Tributary's connector gets
 * the same values as {@code tributary.connectors.kafka.producer.*} / {@code consumer.*} (its {@code publish.timeout}
 * default of 30 s sets {@code delivery.timeout.ms} and {@code max.block.ms}, so the raw producer is given 30 s too).
 */
final class KafkaSettings {

    static final Map<String, String> PRODUCER = new LinkedHashMap<>();
    static final Map<String, String> CONSUMER = new LinkedHashMap<>();

    static {
        PRODUCER.put("acks", "all");
        PRODUCER.put("enable.idempotence", "true");
        PRODUCER.put("linger.ms", "5");
        PRODUCER.put("batch.size", "65536");
        PRODUCER.put("compression.type", "none");
        PRODUCER.put("buffer.memory", "33554432");
        PRODUCER.put("request.timeout.ms", "25000");
        CONSUMER.put("max.poll.records", "500");
        CONSUMER.put("fetch.min.bytes", "1");
        CONSUMER.put("fetch.max.wait.ms", "500");
        CONSUMER.put("max.partition.fetch.bytes", "1048576");
        CONSUMER.put("auto.offset.reset", "earliest");
        CONSUMER.put("enable.auto.commit", "false");
    }

    /** Producer-only settings that Tributary derives from {@code publish.timeout} (30 s). */
    static final Map<String, String> PRODUCER_TIMEOUTS = Map.of("delivery.timeout.ms", "30000", "max.block.ms", "30000");

    private KafkaSettings() {
    }

    static String describe() {
        return "producer " + PRODUCER + " (+ delivery.timeout.ms=30000, max.block.ms=30000); consumer " + CONSUMER
                + ", commit: raw `commitAsync` after every non-empty poll, Tributary its contiguous-offset `commitAsync` "
                + "every `commit.interval` (default 1 s)";
    }
}
