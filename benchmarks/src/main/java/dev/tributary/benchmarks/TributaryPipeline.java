package dev.tributary.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * Tributary: {@code Publisher.publish} → in-memory connector → subscription worker → default codec decode
 * → {@code @Incoming} method → ack. One operation = {@link Payloads#BATCH} messages published and
 * handled, so the score is messages handled per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Payloads.BATCH)
public class TributaryPipeline {

    @Benchmark
    @Threads(1)
    public void json1t(TributaryState s) {
        s.publishAndAwait(true, Payloads.JSON, Payloads.BATCH);
    }

    @Benchmark
    @Threads(2)
    public void json2t(TributaryState s) {
        s.publishAndAwait(true, Payloads.JSON, Payloads.BATCH);
    }

    @Benchmark
    @Threads(1)
    public void raw1t(TributaryState s) {
        s.publishAndAwait(false, Payloads.RAW, Payloads.BATCH);
    }

    @Benchmark
    @Threads(2)
    public void raw2t(TributaryState s) {
        s.publishAndAwait(false, Payloads.RAW, Payloads.BATCH);
    }
}
