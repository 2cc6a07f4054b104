package dev.tributary.benchmarks;

/** The bodies of the Kafka benchmark: 100 opaque bytes, and a {@link Quote} whose JSON form is about 100 bytes. */
final class KafkaBodies {

    static final byte[] RAW = Payloads.RAW;

    /** The same quote as {@link Payloads#JSON}. */
    static final Quote QUOTE = new Quote("q-000042", "ACME", "XNAS", "BUY", 1200, 101.25, 1717171717171L);

    private KafkaBodies() {
    }
}
