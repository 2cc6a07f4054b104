package dev.tributary.benchmarks.outbox;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * CPU time spent by this JVM (relay, Kafka broker, harness) and by the PostgreSQL server of the benchmark (its
 * postmaster and every backend below it, from {@code /proc}), so a run can state CPU per row — a figure that a busy,
 * shared machine distorts far less than wall-clock rates. Linux only; elsewhere PostgreSQL's share reads 0.
 */
final class CpuMeter {
    /** USER_HZ: the unit of /proc/<pid>/stat times on Linux. */
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1) / 100;

    private final long postmaster;

    private CpuMeter(long postmaster) {
        this.postmaster = postmaster;
    }

    /** Finds the PostgreSQL server this JVM started (a descendant process listening on {@code port}). */
    static CpuMeter forPostgres(int port) {
        Optional<ProcessHandle> pm = ProcessHandle.current().descendants().filter(p -> {
            String cmd = p.info().command().orElse("");
            List<String> args = List.of(p.info().arguments().orElse(new String[0]));
            int i = args.indexOf("-p");
            return cmd.endsWith("/postgres") && i >= 0 && i + 1 < args.size() && args.get(i + 1).equals(Integer.toString(port));
        }).findFirst();
        return new CpuMeter(pm.map(ProcessHandle::pid).orElse(-1L));
    }

    boolean seesPostgres() {
        return postmaster > 0;
    }

    /** A reading: {@code [jvm nanos, postgres nanos]}. */
    long[] read() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        long pg = 0;
        if (postmaster > 0) {
            pg = ticks(postmaster, true);
            for (ProcessHandle child : ProcessHandle.of(postmaster).map(p -> p.descendants().toList()).orElse(List.of())) {
                pg += ticks(child.pid(), false);
            }
            pg *= TICK_NANOS;
        }
        return new long[] {jvm, pg};
    }

    /** utime + stime (+ the reaped children's cutime + cstime) of one process, in ticks. */
    private static long ticks(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withReapedChildren) {
                t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return t;
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended meanwhile (its time went to the postmaster's reaped children)
        }
    }
}
