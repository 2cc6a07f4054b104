package dev.tributary.benchmarks.outbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration of the relay under test, turned into Tributary configuration keys. Everything not listed keeps the
 * outbox's and the Kafka connector's defaults.
 *
 * @param batchSize {@code tributary.connectors.outbox.claim-size}: rows per claim transaction
 * @param maxWorkers {@code tributary.channels.bench.max-workers}: concurrent invocations of the relay handler
 * @param lingerMs the Kafka producer's {@code linger.ms}
 */
record RelaySettings(int batchSize, int maxWorkers, int lingerMs) {

    /** The outbox's defaults, stated in the report. */
    static final String POLL_INTERVAL = "500ms";
    static final String LEASE = "30s";

    /** The Kafka producer settings of benchmarks/KafkaBench (its {@code KafkaSettings}) except linger.ms. */
    static Map<String, String> producer(int lingerMs) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", Integer.toString(lingerMs));
        p.put("batch.size", "65536");
        p.put("compression.type", "none");
        p.put("buffer.memory", "33554432");
        p.put("request.timeout.ms", "25000");
        return p;
    }

    Map<String, String> config(String bootstrap) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("tributary.shutdown.timeout", "10s");
        c.put("tributary.connectors.outbox.type", "outbox");
        c.put("tributary.connectors.outbox.claim-size", Integer.toString(batchSize));
        c.put("tributary.connectors.outbox.poll-interval", POLL_INTERVAL);
        c.put("tributary.connectors.outbox.lease", LEASE);
        c.put("tributary.connectors.kafka.type", "kafka");
        c.put("tributary.connectors.kafka.bootstrap.servers", bootstrap);
        producer(lingerMs).forEach((k, v) -> c.put("tributary.connectors.kafka.producer." + k, v));
        c.put("tributary.channels." + BenchWriter.QUEUE + ".max-workers", Integer.toString(maxWorkers));
        return c;
    }

    String label() {
        return "batch " + batchSize + ", workers " + maxWorkers + ", linger " + lingerMs + " ms";
    }
}
