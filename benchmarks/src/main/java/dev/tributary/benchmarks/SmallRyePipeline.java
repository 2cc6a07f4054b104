package dev.tributary.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * SmallRye Reactive Messaging 4.33.0: in-memory source → {@code @Incoming} method (→ Yasson decode for
 * JSON) → ack. One operation = {@link Payloads#BATCH} messages sent and handled, so the score is
 * messages handled per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Payloads.BATCH)
public class SmallRyePipeline {

    @Benchmark
    @Threads(1)
    public void json1t(SmallRyeState s) {
        s.publishAndAwait(true, Payloads.JSON, Payloads.BATCH);
    }

    @Benchmark
    @Threads(2)
    public void json2t(SmallRyeState s) {
        s.publishAndAwait(true, Payloads.JSON, Payloads.BATCH);
    }

    @Benchmark
    @Threads(1)
    public void raw1t(SmallRyeState s) {
        s.publishAndAwait(false, Payloads.RAW, Payloads.BATCH);
    }

    @Benchmark
    @Threads(2)
    public void raw2t(SmallRyeState s) {
        s.publishAndAwait(false, Payloads.RAW, Payloads.BATCH);
    }
}
