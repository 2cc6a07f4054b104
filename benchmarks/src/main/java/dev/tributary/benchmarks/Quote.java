package dev.tributary.benchmarks;

/**
 * The body of the JSON cases: a small trade quote. Its JSON form ({@link Payloads#JSON}) is about 100
 * bytes. Both frameworks decode it with Yasson to this record.
 */
public record Quote(String id, String symbol, String venue, String side, long quantity, double price, long ts) {
}
