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

import dev.tributary.tck.brokers.MosquittoBroker;

/**
 * MQTT end to end: the raw HiveMQ MQTT 5 client vs Tributary (runtime + MQTT connector) against one Mosquitto started
 * by {@code tck}'s launcher with explicit settings ({@link MqttSettings}), case by case, alternating sides; prints one
 * summary line per case and writes {@code benchmarks/results/mqtt.md}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tributary.benchmarks.MqttBench [options] [case...]
 *   case            publish-qos0 publish-qos1 consume-qos0 consume-qos1 e2e-qos0 e2e-qos1 (default: all)
 *   --runs N        measured runs per side and case (default 7), after one warm-up run per side
 *   --scale F       multiplies the messages per run (default 1)
 *   --only SIDE     profiling: run only "raw" or "tributary"
 *   --raw-hand-off  diagnostic: the raw subscriber hands each message to one worker thread, which counts it and then
 *                   acknowledges it manually (what Tributary does), instead of the client's automatic acknowledgement
 *   --ack-first     diagnostic: Tributary's consuming channels use ack policy ACK_FIRST (at-most-once), with which the
 *                   MQTT connector lets the client acknowledge on receipt, as the raw side does
 *   --raw-correlation-data  diagnostic: every raw publish carries Correlation Data (a UUID), as Tributary's wire format
 *   --raw-on-event-loop     diagnostic: the raw subscriber's callback runs on the client's Netty event loop (callback
 *                   executor Runnable::run), as Tributary's connector receives, instead of the client's default
 *                   application scheduler (RxJava computation threads)
 *   --out FILE      report path (default benchmarks/results/mqtt.md for a full run, else target/mqtt-partial.md)
 * </pre>
 */
public final class MqttBench {

    private MqttBench() {
    }

    /** Messages per run of a case (QoS 0 runs are faster, so longer). */
    static int messages(MqttCase c, double scale) {
        int base = switch (c.kind) {
            case PUBLISH -> c.qos == 0 ? 300_000 : 100_000;
            // a resumed session's backlog arrives at once: stay below the consumers' receive maximum (65,535), which
            // also bounds the HiveMQ client's QoS 0 queue (beyond it, it drops QoS 0 messages)
            case CONSUME -> 50_000;
            case END_TO_END -> c.qos == 0 ? 150_000 : 60_000;
        };
        return (int) Math.max(1_000, base * scale);
    }

    public static void main(String[] args) throws Exception {
        QuietLogs.apply();
        List<MqttCase> cases = new ArrayList<>();
        int runs = 7;
        double scale = 1;
        Path out = null;
        String only = null; // profiling: run one side only ("raw" or "tributary")
        boolean handOff = false;
        boolean correlationData = false;
        boolean ackFirst = false;
        boolean rawOnEventLoop = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                case "--raw-hand-off" -> handOff = true;
                case "--raw-correlation-data" -> correlationData = true;
                case "--ack-first" -> ackFirst = true;
                case "--raw-on-event-loop" -> rawOnEventLoop = true;
                case "-h", "--help" -> {
                    System.out.println("usage: MqttBench [--runs N] [--scale F] [--only raw|tributary] [--raw-hand-off] "
                            + "[--raw-correlation-data] [--raw-on-event-loop] [--ack-first] [--out FILE] [case ...]");
                    return;
                }
                default -> cases.add(MqttCase.byKey(args[i]));
            }
        }
        boolean full = cases.isEmpty() && scale == 1 && only == null && !handOff && !correlationData && !ackFirst
                && !rawOnEventLoop;
        if (cases.isEmpty()) {
            cases.addAll(List.of(MqttCase.values()));
        }
        Path moduleDir = Files.isDirectory(Path.of("benchmarks", "src")) ? Path.of("benchmarks") : Path.of(".");
        if (out == null) {
            out = full ? moduleDir.resolve("results").resolve("mqtt.md") : moduleDir.resolve("target").resolve("mqtt-partial.md");
        }

        Map<MqttCase, Measurement> raw = new EnumMap<>(MqttCase.class);
        Map<MqttCase, Measurement> tributary = new EnumMap<>(MqttCase.class);
        Map<MqttCase, List<Double>> rawCpu = new EnumMap<>(MqttCase.class);
        Map<MqttCase, List<Double>> tributaryCpu = new EnumMap<>(MqttCase.class);
        double loadBefore = loadAverage();
        long started = System.nanoTime();
        String mosquittoVersion;
        try (MosquittoBroker broker = MqttSettings.broker()) {
            broker.start();
            mosquittoVersion = MqttReport.mosquittoVersion();
            System.err.printf(Locale.ROOT, "mosquitto up at %s in %s%n", broker.connectionString(), broker.lastStartDuration());
            try (MqttRawSide rawSide = new MqttRawSide(broker.host(), broker.port(), handOff, correlationData,
                    rawOnEventLoop);
                    MqttTributarySide tributarySide = new MqttTributarySide(broker.host(), broker.port(), ackFirst)) {
                for (MqttCase c : cases) {
                    raw.put(c, new Measurement());
                    tributary.put(c, new Measurement());
                    rawCpu.put(c, new ArrayList<>());
                    tributaryCpu.put(c, new ArrayList<>());
                    int n = messages(c, scale);
                    // one warm-up run per side, then alternate; the side going first swaps every round
                    for (int r = -1; r < runs; r++) {
                        boolean rawFirst = (r & 1) == 0;
                        for (int side = 0; side < 2; side++) {
                            boolean isRaw = (side == 0) == rawFirst;
                            if (only != null && only.equals("raw") != isRaw) {
                                continue;
                            }
                            Measurement into = isRaw ? raw.get(c) : tributary.get(c);
                            try {
                                MqttRun run = switch (c.kind) {
                                    case PUBLISH -> isRaw ? rawSide.publish(c, n) : tributarySide.publish(c, n);
                                    case END_TO_END -> isRaw ? rawSide.endToEnd(c, n) : tributarySide.endToEnd(c, n);
                                    case CONSUME -> isRaw ? rawSide.consume(c, n) : tributarySide.consume(c, n, rawSide);
                                };
                                double cpuMicrosPerMessage = run.cpuMicrosPerMessage();
                                double rate = run.rate();
                                System.err.printf(Locale.ROOT, "  %-12s %-9s %-7s %s msg/s (JVM CPU %.1f µs/msg)%n", c.key,
                                        isRaw ? "raw" : "Tributary", r < 0 ? "warm-up" : "run " + (r + 1), Report.rate(rate),
                                        cpuMicrosPerMessage);
                                if (r >= 0) {
                                    into.add(rate);
                                    (isRaw ? rawCpu : tributaryCpu).get(c).add(cpuMicrosPerMessage);
                                }
                            } catch (Exception e) {
                                into.fail(e.toString());
                                System.err.println(c.key + (isRaw ? " raw" : " Tributary") + " FAILED: " + e);
                            }
                        }
                    }
                }
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        String load = String.format(Locale.ROOT, "%.2f before, %.2f after (1-minute average, includes the benchmark)",
                loadBefore, loadAverage());
        MqttReport report = new MqttReport(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS), runs, scale,
                seconds, load, mosquittoVersion, cases, raw, tributary, rawCpu, tributaryCpu,
                (handOff ? " raw-hand-off" : "") + (correlationData ? " raw-correlation-data" : "") + (ackFirst ? " ack-first" : "")
                        + (rawOnEventLoop ? " raw-on-event-loop" : ""));
        for (String line : report.summaryLines()) {
            System.out.println(line);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.markdownKeeping(Files.exists(out) ? Files.readString(out) : null));
        System.out.println("report: " + out);
        boolean failed = cases.stream().anyMatch(c -> !raw.get(c).ok() || !tributary.get(c).ok());
        System.exit(failed ? 1 : 0);
    }

    /** CPU time of this JVM (both clients; Mosquitto is another process). */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
