package dev.tributary.benchmarks.outbox;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** The 100-byte record bodies: a sequence number (8 bytes, big-endian) followed by filler. */
final class Bodies {
    static final int SIZE = 100;

    private Bodies() {
    }

    static byte[] of(long seq) {
        byte[] b = new byte[SIZE];
        Arrays.fill(b, 8, SIZE, (byte) 'x');
        ByteBuffer.wrap(b).putLong(0, seq);
        return b;
    }

    static long seq(byte[] body) {
        return ByteBuffer.wrap(body).getLong(0);
    }
}
