package dev.tributary.benchmarks.outbox;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this JVM's threads by role, between two readings: the relay (Tributary's worker threads: claim and
 * settlement transactions, handler invocations, the publish call), the Kafka producer's I/O thread, the in-JVM Kafka
 * broker, the benchmark's writer threads, and the rest. Threads that ended between the readings are missing.
 */
final class ThreadCpu {
    static final String[] ROLES = {"relay", "producer", "broker", "writers", "other"};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> cpuById = new HashMap<>();
    private final Map<Long, String> roleById = new HashMap<>();

    private ThreadCpu() {
    }

    static ThreadCpu read() {
        ThreadCpu r = new ThreadCpu();
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = THREADS.getThreadCpuTime(ids[i]);
            if (infos[i] != null && cpu >= 0) {
                r.cpuById.put(ids[i], cpu);
                r.roleById.put(ids[i], role(infos[i].getThreadName()));
            }
        }
        return r;
    }

    /** CPU nanoseconds per role from {@code earlier} to this reading. */
    Map<String, Long> since(ThreadCpu earlier) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String role : ROLES) {
            out.put(role, 0L);
        }
        cpuById.forEach((id, cpu) -> out.merge(roleById.get(id), cpu - earlier.cpuById.getOrDefault(id, 0L), Long::sum));
        return out;
    }

    private static String role(String name) {
        if (name.startsWith("tributary-worker")) {
            return "relay";
        }
        if (name.startsWith("kafka-producer-network-thread")) {
            return "producer";
        }
        if (name.startsWith("bench-writer") || name.startsWith("pool-")) {
            return "writers";
        }
        if (name.startsWith("data-plane-") || name.startsWith("kafka-") || name.startsWith("broker-")
                || name.startsWith("quorum-") || name.startsWith("controller-") || name.startsWith("raft-")
                || name.startsWith("log-") || name.startsWith("ExpirationReaper") || name.startsWith("group-coordinator")
                || name.startsWith("share-") || name.startsWith("LogDirFailureHandler") || name.startsWith("transaction-")) {
            return "broker";
        }
        return "other";
    }
}
