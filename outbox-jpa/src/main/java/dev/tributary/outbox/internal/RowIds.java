package dev.tributary.outbox.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Row ids: 32 lower-case hex digits that sort (as text, in any collation that orders digits before letters)
 * in creation order within a JVM and roughly by time across JVMs — 48 bits of epoch milliseconds and a 12-bit
 * sequence (monotonic per JVM), then 68 random bits so ids of different nodes never collide. Per-key ordering
 * relies on the monotonic part: rows written one after the other in this JVM get growing ids.
 */
final class RowIds {
    private static final AtomicLong LAST = new AtomicLong();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RowIds() {
    }

    static String next() {
        long now = System.currentTimeMillis() << 12;
        long v = LAST.updateAndGet(prev -> Math.max(prev + 1, now));
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[32];
        put(out, 0, v, 15);
        put(out, 15, r.nextLong(), 16);
        put(out, 31, r.nextInt(16), 1);
        return new String(out);
    }

    private static void put(char[] out, int at, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }
}
