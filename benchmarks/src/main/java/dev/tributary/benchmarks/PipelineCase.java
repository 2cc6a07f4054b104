package dev.tributary.benchmarks;

/** The four cases of the in-memory pipeline comparison; each runs as one JMH method per framework. */
enum PipelineCase {
    JSON_1T("json-1t", "json", 1, "json1t"),
    JSON_2T("json-2t", "json", 2, "json2t"),
    RAW_1T("raw-1t", "raw", 1, "raw1t"),
    RAW_2T("raw-2t", "raw", 2, "raw2t");

    /** Messages per second Tributary must reach on the pass-through cases (issue 2). */
    static final double PASS_THROUGH_GOAL = 1_000_000;

    final String key;
    final String body;
    final int threads;
    final String method;

    PipelineCase(String key, String body, int threads, String method) {
        this.key = key;
        this.body = body;
        this.threads = threads;
        this.method = method;
    }

    boolean passThrough() {
        return body.equals("raw");
    }

    String title() {
        return (passThrough() ? "byte[] pass-through, " + Payloads.RAW.length + " B"
                : "JSON → Quote record, " + Payloads.JSON.length + " B")
                + ", " + threads + (threads == 1 ? " publishing thread" : " publishing threads");
    }

    static PipelineCase byKey(String key) {
        for (PipelineCase c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown case '" + key + "'; one of json-1t, json-2t, raw-1t, raw-2t");
    }
}
