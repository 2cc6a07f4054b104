package dev.tributary.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the in-memory pipeline comparison — Tributary and SmallRye Reactive Messaging, case by case,
 * alternating — prints one summary line per case and writes the Markdown report.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tributary.benchmarks.RunAll [options] [case...]
 *   case          json-1t json-2t raw-1t raw-2t (default: all four, plus the codec baseline)
 *   --rounds N    alternate Tributary/SmallRye N times per case, pooling the iterations (default 2)
 *   --quick       1 × 1 s warm-up, 2 × 1 s measurement: a smoke run, not a result
 *   --out FILE    report path (default benchmarks/results/memory-pipeline.md for a full run,
 *                 benchmarks/target/memory-pipeline-partial.md otherwise)
 * </pre>
 *
 * Settings sized for a 2-core machine: one fork per benchmark (each framework in its own JVM and its own
 * Weld container), warm-up 3 × 2 s, measurement 5 × 2 s, two rounds (Tributary, SmallRye, Tributary,
 * SmallRye per case): the full run takes about 5½ minutes; {@code --rounds 1} halves it. JMH's own
 * output goes to {@code benchmarks/target/jmh/<benchmark>.log}. Exit status 1 when a benchmark failed
 * (the goals missing is not a failure of the run).
 */
public final class RunAll {

    static final String PACKAGE = RunAll.class.getPackageName();

    private RunAll() {
    }

    public static void main(String[] args) throws IOException {
        List<PipelineCase> cases = new ArrayList<>();
        int rounds = 2;
        boolean quick = false;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: RunAll [--rounds N] [--quick] [--out FILE] [json-1t|json-2t|raw-1t|raw-2t ...]");
                    return;
                }
                default -> cases.add(PipelineCase.byKey(args[i]));
            }
        }
        boolean full = cases.isEmpty();
        if (full) {
            cases.addAll(List.of(PipelineCase.values()));
        }
        Path moduleDir = Files.isDirectory(Path.of("benchmarks", "src")) ? Path.of("benchmarks") : Path.of(".");
        if (out == null) {
            out = full && !quick ? moduleDir.resolve("results").resolve("memory-pipeline.md")
                    : moduleDir.resolve("target").resolve("memory-pipeline-partial.md");
        }
        Path logDir = moduleDir.resolve("target").resolve("jmh");
        Files.createDirectories(logDir);

        RunSettings settings = quick ? RunSettings.QUICK : RunSettings.STANDARD;
        Map<PipelineCase, Measurement> tributary = new EnumMap<>(PipelineCase.class);
        Map<PipelineCase, Measurement> smallRye = new EnumMap<>(PipelineCase.class);
        double loadBefore = loadAverage();
        long started = System.nanoTime();
        for (PipelineCase c : cases) {
            tributary.put(c, new Measurement());
            smallRye.put(c, new Measurement());
            for (int r = 0; r < rounds; r++) {
                run(settings, "TributaryPipeline", c.method, tributary.get(c), logDir);
                run(settings, "SmallRyePipeline", c.method, smallRye.get(c), logDir);
            }
        }
        Measurement baseline = null;
        if (full) {
            baseline = new Measurement();
            run(settings, "CodecBaseline", "yassonDecode1t", baseline, logDir);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        String load = String.format(Locale.ROOT, "%.2f before, %.2f after (1-minute average, includes the benchmark)",
                loadBefore, loadAverage());

        Report report = new Report(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS), settings,
                rounds, seconds, load, cases, tributary, smallRye, baseline);
        for (String line : report.summaryLines()) {
            System.out.println(line);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.markdown());
        System.out.println("report: " + out);
        boolean failed = cases.stream().anyMatch(c -> !tributary.get(c).ok() || !smallRye.get(c).ok());
        if (failed) {
            System.exit(1);
        }
    }

    private static void run(RunSettings settings, String benchmarkClass, String method, Measurement into, Path logDir) {
        String name = benchmarkClass + "." + method;
        System.err.printf(Locale.ROOT, "running %s ...%n", name);
        Options options = new OptionsBuilder()
                .include("^" + PACKAGE.replace(".", "\\.") + "\\." + benchmarkClass + "\\." + method + "$")
                .forks(1)
                .warmupIterations(settings.warmupIterations())
                .warmupTime(settings.warmupTime())
                .measurementIterations(settings.measurementIterations())
                .measurementTime(settings.measurementTime())
                .jvmArgsAppend("-Xms1g", "-Xmx1g")
                .shouldFailOnError(true)
                .output(logDir.resolve(name + ".log").toString())
                .build();
        try {
            into.add(new Runner(options).run());
            if (!into.ok()) {
                into.fail("no result; see " + logDir.resolve(name + ".log"));
            }
        } catch (RunnerException | RuntimeException e) {
            into.fail(name + " failed: " + e.getMessage() + " (see " + logDir.resolve(name + ".log") + ")");
            System.err.println(name + " FAILED: " + e.getMessage());
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Warm-up and measurement settings of one run. */
    record RunSettings(int warmupIterations, TimeValue warmupTime, int measurementIterations, TimeValue measurementTime) {
        static final RunSettings STANDARD = new RunSettings(3, TimeValue.seconds(2), 5, TimeValue.seconds(2));
        static final RunSettings QUICK = new RunSettings(1, TimeValue.seconds(1), 2, TimeValue.seconds(1));

        String describe() {
            return "warm-up " + warmupIterations + " × " + warmupTime + ", measurement " + measurementIterations
                    + " × " + measurementTime;
        }
    }
}
