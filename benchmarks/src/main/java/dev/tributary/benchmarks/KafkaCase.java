package dev.tributary.benchmarks;

import java.util.Locale;

/** One case of the Kafka benchmark: direction, body kind and partition count. */
enum KafkaCase {
    PRODUCE_RAW_1P(true, false, 1, false, 0),
    PRODUCE_RAW_4P(true, false, 4, false, 0),
    PRODUCE_RAW_1P_CID(true, false, 1, true, 0),
    PRODUCE_RAW_4P_CID(true, false, 4, true, 0),
    PRODUCE_JSON_1P(true, true, 1, false, 0),
    PRODUCE_JSON_4P(true, true, 4, false, 0),
    CONSUME_RAW_1P(false, false, 1, false, 0),
    CONSUME_RAW_4P(false, false, 4, false, 0),
    CONSUME_RAW_1P_IN_FLIGHT(false, false, 1, false, 8192),
    CONSUME_RAW_4P_IN_FLIGHT(false, false, 4, false, 8192),
    CONSUME_JSON_1P(false, true, 1, false, 0),
    CONSUME_JSON_4P(false, true, 4, false, 0);

    final boolean produce;
    final boolean json;
    final int partitions;
    /**
     * Every record carries a {@code correlation_id} header (a random UUID), FastStream's habit: Tributary's publishing
     * channel has the Kafka connector option {@code correlation-id=always}, and the raw producer writes the same
     * header itself, so both sides produce equal records.
     */
    final boolean correlationId;
    /**
     * Tributary's consuming channel sets the runtime's {@code max-in-flight} to this instead of its default (1024);
     * 0: the default. Every case without either setting runs with the defaults.
     */
    final int maxInFlight;
    final String key;
    /** The key without the setting suffix: the cases of one kind share their topic (filled once). */
    private final String base;

    KafkaCase(boolean produce, boolean json, int partitions, boolean correlationId, int maxInFlight) {
        this.produce = produce;
        this.json = json;
        this.partitions = partitions;
        this.correlationId = correlationId;
        this.maxInFlight = maxInFlight;
        this.base = (produce ? "produce" : "consume") + "-" + (json ? "json" : "raw") + "-" + partitions + "p";
        this.key = base + (correlationId ? "-cid" : "") + (maxInFlight > 0 ? "-in-flight-" + maxInFlight : "");
    }

    /** The Tributary setting of this case, as the report names it. */
    String setting() {
        if (correlationId) {
            return "`correlation-id=always`, raw writes it too";
        }
        return maxInFlight > 0 ? "`max-in-flight=" + maxInFlight + "`" : "defaults";
    }

    /** The topic this case reads from or appends to (shared by the raw client and Tributary). */
    String topic() {
        return "bench-" + base;
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
