package dev.tributary.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The two bodies every case publishes; identical bytes for Tributary and SmallRye. */
final class Payloads {

    /** A {@link Quote} as compact JSON (the same bytes JSON-B would write, property order aside). */
    static final byte[] JSON = ("{\"id\":\"q-000042\",\"symbol\":\"ACME\",\"venue\":\"XNAS\",\"side\":\"BUY\","
            + "\"quantity\":1200,\"price\":101.25,\"ts\":1717171717171}").getBytes(StandardCharsets.UTF_8);

    /** Opaque bytes for the pass-through cases. */
    static final byte[] RAW = raw(100);

    /** Messages published per benchmark operation (and awaited before the operation ends). */
    static final int BATCH = 1024;

    /**
     * How far handling may trail publishing when an operation ends: an operation returns once every
     * message but the last {@code MAX_LAG} (default 2 × {@link #BATCH}) published (by all threads) has been handled. This keeps publisher and
     * handler overlapping, as in a steady stream, while the score still counts handled messages: at most
     * this many messages per iteration may still be in flight when the timer stops, and every iteration
     * ends by draining them (untimed). System property {@code tributary.bench.maxLag} overrides it (0: every
     * operation waits for its whole batch).
     */
    static final int MAX_LAG = Integer.getInteger("tributary.bench.maxLag", 2 * BATCH);

    private Payloads() {
    }

    private static byte[] raw(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'x');
        b[0] = 0; // not JSON, not text
        return b;
    }
}
