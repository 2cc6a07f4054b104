package dev.tributary.benchmarks.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.tributary.tck.brokers.KafkaBroker;
import dev.tributary.tck.brokers.PostgresBroker;

/**
 * The outbox relay end to end on one node: PostgreSQL (tck's launcher, a loopback port) → the relay (Tributary in
 * Weld SE with Narayana, Hibernate, Agroal; a {@code @Incoming(connector = "outbox") @Outgoing(connector = "kafka")}
 * handler) → Kafka (in this JVM). Prints one summary line per case and writes {@code benchmarks/results/outbox.md}.
 *
 * <pre>
 * java -Xms1g -Xmx1g -jar benchmarks/outbox/target/outbox-benchmark.jar [options]
 *   --runs N            measured throughput runs per setting (default 3; one warm-up run first)
 *   --rows N            rows per throughput run (default 50,000)
 *   --batch-sizes A,B   outbox claim-size settings to compare (default 100,500; the latency runs use the first)
 *   --workers A,B       relay handler maxWorkers settings (default 1,4; the latency runs use the first)
 *   --linger MS         the Kafka producer's linger.ms for throughput and the raw anchor (default 5, the kafka-clients 4 default)
 *   --latency-runs N    steady-rate runs (default 3)
 *   --rate R            rows per second in the steady-rate runs (default 2,000)
 *   --writers N         writer threads in the steady-rate runs (default 8)
 *   --warmup S          warm-up seconds per steady-rate run (default 5)
 *   --seconds S         measured seconds per steady-rate run (default 20)
 *   --latency-linger L  linger.ms list for the steady-rate runs (default: --linger and 0)
 *   --only throughput|latency   one part only (report in target/)
 *   --out FILE          report path
 * </pre>
 */
public final class OutboxBench {

    private OutboxBench() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (o == null) {
            return;
        }
        Path module = Files.isDirectory(Path.of("benchmarks", "outbox", "src")) ? Path.of("benchmarks", "outbox")
                : Files.isDirectory(Path.of("outbox", "src")) ? Path.of("outbox") : Path.of(".");
        Path target = module.resolve("target").toAbsolutePath();
        quietLogs();
        narayanaStore(target);
        Path out = o.out != null ? o.out
                : o.full() ? module.resolve("..").resolve("results").resolve("outbox.md").normalize()
                : target.resolve("outbox-partial.md");

        OffsetDateTime date = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        String loadBefore = Load.now();
        long started = System.nanoTime();
        Map<RelaySettings, List<ThroughputRun.Result>> throughput = new LinkedHashMap<>();
        List<Double> anchor = new ArrayList<>();
        Map<Integer, List<LatencyRun.Result>> latency = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        String versions;
        try (PostgresBroker pg = new PostgresBroker(); KafkaBroker kafka = new KafkaBroker()) {
            pg.start();
            kafka.start();
            versions = postgresVersion(pg);
            System.err.printf(Locale.ROOT, "PostgreSQL up at port %d, Kafka at %s (load %s)%n", pg.port(),
                    kafka.bootstrapServers(), loadBefore);
            kafka.createTopic(BenchWriter.QUEUE, 1);
            kafka.createTopic(RawAnchor.TOPIC, 1);
            CpuMeter cpu = CpuMeter.forPostgres(pg.port());
            if (!cpu.seesPostgres()) {
                System.err.println("PostgreSQL's process not found: its CPU time reads 0");
            }
            try (BenchDatabase db = new BenchDatabase(pg);
                    KafkaProbe probe = new KafkaProbe(kafka.bootstrapServers(), BenchWriter.QUEUE)) {
                if (o.throughput) {
                    runThroughput(o, db, probe, cpu, kafka.bootstrapServers(), throughput, anchor, failures);
                }
                if (o.latency) {
                    runLatency(o, db, cpu, kafka.bootstrapServers(), latency, failures);
                }
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        OutboxReport report = new OutboxReport(date, o, versions, seconds, loadBefore, Load.now(), throughput, anchor,
                latency, failures);
        for (String line : report.summaryLines()) {
            System.out.println(line);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.markdown());
        System.out.println("report: " + out);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static void runThroughput(Options o, BenchDatabase db, KafkaProbe probe, CpuMeter cpu, String bootstrap,
            Map<RelaySettings, List<ThroughputRun.Result>> results, List<Double> anchor, List<String> failures)
            throws Exception {
        List<RelaySettings> settings = new ArrayList<>();
        for (int b : o.batchSizes) {
            for (int w : o.workers) {
                settings.add(new RelaySettings(b, w, o.linger));
            }
        }
        try (RawAnchor raw = new RawAnchor(bootstrap, o.linger)) {
            raw.run(o.rows); // warm-up
            for (int r = 0; r < o.runs; r++) {
                double rate = raw.run(o.rows);
                anchor.add(rate);
                System.err.printf(Locale.ROOT, "  raw KafkaProducer run %d: %,.0f rec/s%n", r + 1, rate);
            }
        }
        // one warm-up run, then the settings in turn, round after round (noise spreads over all of them)
        for (int r = -1; r < o.runs; r++) {
            for (RelaySettings s : settings) {
                if (r < 0 && s != settings.get(0)) {
                    continue;
                }
                try {
                    ThroughputRun.Result res = ThroughputRun.run(db, probe, cpu, bootstrap, s, o.rows);
                    System.err.printf(Locale.ROOT, "  throughput [%s] %s: %s%n", s.label(),
                            r < 0 ? "warm-up" : "run " + (r + 1), res.line());
                    if (r >= 0) {
                        results.computeIfAbsent(s, k -> new ArrayList<>()).add(res);
                    }
                } catch (Exception e) {
                    failures.add("throughput [" + s.label() + "]: " + e);
                    System.err.println("throughput [" + s.label() + "] FAILED: " + e);
                    e.printStackTrace();
                    db.execute("DELETE FROM tributary_outbox");
                }
            }
        }
    }

    private static void runLatency(Options o, BenchDatabase db, CpuMeter cpu, String bootstrap, Map<Integer, List<LatencyRun.Result>> results,
            List<String> failures) {
        for (int r = 0; r < o.latencyRuns; r++) {
            for (int linger : o.latencyLingers) {
                RelaySettings s = new RelaySettings(o.batchSizes.get(0), o.workers.get(0), linger);
                try {
                    LatencyRun.Result res = LatencyRun.run(bootstrap, db, cpu, s, o.rate, o.writers, o.warmup, o.seconds);
                    System.err.printf(Locale.ROOT, "  latency [%s] run %d: %s%n", s.label(), r + 1, res.line());
                    results.computeIfAbsent(linger, k -> new ArrayList<>()).add(res);
                } catch (Exception e) {
                    failures.add("latency [" + s.label() + "]: " + e);
                    System.err.println("latency [" + s.label() + "] FAILED: " + e);
                    e.printStackTrace();
                }
            }
        }
    }

    private static String postgresVersion(PostgresBroker pg) {
        try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
                var s = c.createStatement(); var rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        } catch (java.sql.SQLException e) {
            return "PostgreSQL (version unknown: " + e.getMessage() + ")";
        }
    }

    /** Weld's, Hibernate's and Narayana's INFO lines (JUL) and Kafka's (slf4j-simple) stay out of the output. */
    private static void quietLogs() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Logger.getLogger("").setLevel(Level.WARNING);
        for (var h : Logger.getLogger("").getHandlers()) {
            h.setLevel(Level.ALL);
        }
    }

    /** Narayana, unconfigured, writes its object store into the working directory (TESTING.md). */
    private static void narayanaStore(Path target) {
        String store = target.resolve("narayana").toString();
        System.setProperty("ObjectStoreEnvironmentBean.objectStoreDir", store);
        System.setProperty("com.arjuna.ats.arjuna.objectstore.objectStoreDir", store);
        System.setProperty("CoordinatorEnvironmentBean.transactionStatusManagerEnable", "false");
        System.setProperty("com.arjuna.ats.arjuna.coordinator.transactionStatusManagerEnable", "false");
    }

    /** The command line. */
    static final class Options {
        int runs = 3;
        int rows = 50_000;
        List<Integer> batchSizes = List.of(100, 500);
        List<Integer> workers = List.of(1, 4);
        int linger = 5;
        int latencyRuns = 3;
        int rate = 2_000;
        int writers = 8;
        int warmup = 5;
        int seconds = 20;
        List<Integer> latencyLingers;
        boolean throughput = true;
        boolean latency = true;
        boolean defaults = true;
        Path out;

        boolean full() {
            return throughput && latency && defaults;
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--runs" -> o.runs = Integer.parseInt(args[++i]);
                    case "--rows" -> o.rows = Integer.parseInt(args[++i]);
                    case "--batch-sizes" -> o.batchSizes = ints(args[++i]);
                    case "--workers" -> o.workers = ints(args[++i]);
                    case "--linger" -> o.linger = Integer.parseInt(args[++i]);
                    case "--latency-runs" -> o.latencyRuns = Integer.parseInt(args[++i]);
                    case "--rate" -> o.rate = Integer.parseInt(args[++i]);
                    case "--writers" -> o.writers = Integer.parseInt(args[++i]);
                    case "--warmup" -> o.warmup = Integer.parseInt(args[++i]);
                    case "--seconds" -> o.seconds = Integer.parseInt(args[++i]);
                    case "--latency-linger" -> o.latencyLingers = ints(args[++i]);
                    case "--only" -> {
                        String which = args[++i];
                        o.throughput = which.equals("throughput");
                        o.latency = which.equals("latency");
                        if (!o.throughput && !o.latency) {
                            throw new IllegalArgumentException("--only throughput|latency");
                        }
                    }
                    case "--out" -> {
                        o.out = Path.of(args[++i]);
                        continue;
                    }
                    case "-h", "--help" -> {
                        System.out.println("usage: OutboxBench [--runs N] [--rows N] [--batch-sizes 100,500] [--workers 1,4]"
                                + " [--linger MS] [--latency-runs N] [--rate R] [--writers N] [--warmup S] [--seconds S]"
                                + " [--latency-linger 5,0] [--only throughput|latency] [--out FILE]");
                        return null;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
                o.defaults = false;
            }
            if (o.latencyLingers == null) {
                // the configured linger and linger.ms=0 (what a latency-minded user sets; the send is not held back)
                o.latencyLingers = o.linger == 0 ? List.of(0) : List.of(o.linger, 0);
            }
            if (o.rows < 1 || o.runs < 1 || o.rate < 1 || o.writers < 1 || o.seconds < 1 || o.warmup < 0) {
                throw new IllegalArgumentException("counts must be positive");
            }
            return o;
        }

        private static List<Integer> ints(String csv) {
            List<Integer> out = new ArrayList<>();
            for (String s : csv.split(",")) {
                out.add(Integer.parseInt(s.trim()));
            }
            return List.copyOf(out);
        }
    }
}
