package dev.tributary.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The floor under the JSON cases: the Yasson decode both frameworks perform (bytes → String →
 * {@link Quote}), alone on one thread, no messaging. Pipeline throughput can approach this, never pass it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBaseline {

    private Jsonb jsonb;

    @Setup(Level.Trial)
    public void start() {
        jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true));
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        jsonb.close();
    }

    @Benchmark
    @Threads(1)
    public Quote yassonDecode1t() {
        return jsonb.fromJson(new String(Payloads.JSON, StandardCharsets.UTF_8), Quote.class);
    }
}
