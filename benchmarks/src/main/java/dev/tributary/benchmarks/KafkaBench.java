package dev.tributary.benchmarks;

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

import dev.tributary.tck.brokers.KafkaBroker;

/**
 * Kafka end to end: raw kafka-clients vs Tributary on one in-JVM KRaft broker, same client settings, case by case,
 * alternating sides; prints one summary line per case and writes {@code benchmarks/results/kafka.md}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tributary.benchmarks.KafkaBench [options] [case...]
 *   case            produce-raw-1p … consume-json-4p (default: all twelve, see {@link KafkaCase})
 *   --runs N        measured runs per side and case (default 5), after one warm-up run per side
 *   --produce N     records per produce run (default 400,000)
 *   --consume N     records per consume run, pre-filled once per topic (default 1,000,000)
 *   --out FILE      report path (default benchmarks/results/kafka.md for a full run, else target/kafka-partial.md)
 * </pre>
 */
public final class KafkaBench {

    private KafkaBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        QuietLogs.apply();
        List<KafkaCase> cases = new ArrayList<>();
        int runs = 5;
        int produceN = 400_000;
        int consumeN = 1_000_000;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--produce" -> produceN = Integer.parseInt(args[++i]);
                case "--consume" -> consumeN = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: KafkaBench [--runs N] [--produce N] [--consume N] [--out FILE] [case ...]");
                    return;
                }
                default -> cases.add(KafkaCase.byKey(args[i]));
            }
        }
        boolean full = cases.isEmpty();
        if (cases.isEmpty()) {
            cases.addAll(List.of(KafkaCase.values()));
        }
        Path moduleDir = Files.isDirectory(Path.of("benchmarks", "src")) ? Path.of("benchmarks") : Path.of(".");
        if (out == null) {
            out = full ? moduleDir.resolve("results").resolve("kafka.md") : moduleDir.resolve("target").resolve("kafka-partial.md");
        }

        Map<KafkaCase, Measurement> raw = new EnumMap<>(KafkaCase.class);
        Map<KafkaCase, Measurement> tributary = new EnumMap<>(KafkaCase.class);
        Map<KafkaCase, List<Double>> rawCpu = new EnumMap<>(KafkaCase.class);
        Map<KafkaCase, List<Double>> tributaryCpu = new EnumMap<>(KafkaCase.class);
        java.util.Set<String> topics = new java.util.HashSet<>();
        java.util.Set<String> filled = new java.util.HashSet<>();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long started = System.nanoTime();
        try (KafkaBroker broker = new KafkaBroker()) {
            broker.start();
            System.err.printf(Locale.ROOT, "broker up at %s in %s%n", broker.bootstrapServers(), broker.lastStartDuration());
            for (KafkaCase c : cases) {
                if (topics.add(c.topic())) {
                    broker.createTopic(c.topic(), c.partitions);
                }
            }
            try (KafkaRawSide rawSide = new KafkaRawSide(broker.bootstrapServers());
                    KafkaTributarySide tributarySide = new KafkaTributarySide(broker.bootstrapServers())) {
                for (KafkaCase c : cases) {
                    if (!c.produce && filled.add(c.topic())) {
                        long t = System.nanoTime();
                        rawSide.fill(c, consumeN);
                        System.err.printf(Locale.ROOT, "filled %s with %,d records in %.1f s%n", c.topic(), consumeN,
                                (System.nanoTime() - t) / 1e9);
                    }
                }
                for (KafkaCase c : cases) {
                    raw.put(c, new Measurement());
                    tributary.put(c, new Measurement());
                    rawCpu.put(c, new ArrayList<>());
                    tributaryCpu.put(c, new ArrayList<>());
                    int n = c.produce ? produceN : consumeN;
                    // one warm-up run per side, then alternate; the side going first swaps every round
                    for (int r = -1; r < runs; r++) {
                        boolean rawFirst = (r & 1) == 0;
                        for (int side = 0; side < 2; side++) {
                            boolean isRaw = (side == 0) == rawFirst;
                            Measurement into = isRaw ? raw.get(c) : tributary.get(c);
                            try {
                                double seconds = isRaw ? (c.produce ? rawSide.produce(c, n) : rawSide.consume(c, n))
                                        : (c.produce ? tributarySide.produce(c, n) : tributarySide.consume(c, n));
                                double rate = (c.produce ? n : n - 1) / seconds;
                                double cpu = KafkaRun.latest.cpuMicrosPerRecord();
                                System.err.printf(Locale.ROOT, "  %s %-9s %s %s rec/s, %.2f µs CPU/rec%n", c.key,
                                        isRaw ? "raw" : "Tributary", r < 0 ? "warm-up" : "run " + (r + 1), Report.rate(rate), cpu);
                                if (r >= 0) {
                                    into.add(rate);
                                    (isRaw ? rawCpu : tributaryCpu).get(c).add(cpu);
                                }
                            } catch (RuntimeException e) {
                                into.fail(e.toString());
                                System.err.println(c.key + (isRaw ? " raw" : " Tributary") + " FAILED: " + e);
                                for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
                                    System.err.println("  caused by: " + t);
                                }
                            }
                        }
                    }
                }
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        String load = String.format(Locale.ROOT, "%.2f before, %.2f after (1-minute average, includes the benchmark)",
                loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        KafkaReport report = new KafkaReport(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS), runs,
                produceN, consumeN, seconds, load, cases, raw, tributary, rawCpu, tributaryCpu);
        for (String line : report.summaryLines()) {
            System.out.println(line);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.markdown());
        System.out.println("report: " + out);
        boolean failed = cases.stream().anyMatch(c -> !raw.get(c).ok() || !tributary.get(c).ok());
        System.exit(failed ? 1 : 0);
    }
}
