package dev.tributary.benchmarks;

import java.util.Locale;

/** One case of the Kafka benchmark: direction, body kind and partition count. */
enum KafkaCase {
    PRODUCE_RAW_1P(true, false, 1),
    PRODUCE_RAW_4P(true, false, 4),
    PRODUCE_JSON_1P(true, true, 1),
    PRODUCE_JSON_4P(true, true, 4),
    CONSUME_RAW_1P(false, false, 1),
    CONSUME_RAW_4P(false, false, 4),
    CONSUME_JSON_1P(false, true, 1),
    CONSUME_JSON_4P(false, true, 4);

    final boolean produce;
    final boolean json;
    final int partitions;
    final String key;

    KafkaCase(boolean produce, boolean json, int partitions) {
        this.produce = produce;
        this.json = json;
        this.partitions = partitions;
        this.key = (produce ? "produce" : "consume") + "-" + (json ? "json" : "raw") + "-" + partitions + "p";
    }

    /** The topic this case reads from or appends to (shared by the raw client and Tributary). */
    String topic() {
        return "bench-" + key;
    }

    /** The goal of issue 4 applies to the pass-through (byte[]) cases. */
    boolean passThrough() {
        return !json;
    }

    static KafkaCase byKey(String key) {
        for (KafkaCase c : values()) {
            if (c.key.equals(key.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown Kafka case " + key);
    }
}
