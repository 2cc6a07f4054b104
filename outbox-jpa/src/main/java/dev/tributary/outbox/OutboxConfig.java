package dev.tributary.outbox;

import dev.tributary.TributaryException;
import dev.tributary.spi.ConnectorConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of one outbox connector, {@code tributary.connectors.<name>.*} (with {@code type=outbox}).
 * A relay subscription may override any of them for its queue with {@code tributary.channels.<channel>.<key>}.
 * Immutable. Invalid values fail deployment with {@code TRB-CFG001} / {@code TRB-OBX010}.
 *
 * @param pollInterval {@code poll-interval} (default 500ms): how often a relay subscription looks for ready rows
 *        the fast path did not deliver (crash recovery, other nodes' rows, retries, delayed rows); it polls again at
 *        once after a full batch
 * @param batchSize {@code claim-size} (default 500): rows claimed per claim transaction (also capped by the
 *        subscription's in-flight bound)
 * @param lease {@code lease} (default 30s): how long a claimed row belongs to the claiming node without renewal;
 *        rows in flight longer than half of it are renewed on the poll tick (keep {@code poll-interval} below half
 *        the lease), so only the rows of a node that died (or stalled) are claimed again, after one lease
 * @param retry {@code retry.*}: what a nacked row's next attempt is, and when it becomes DEAD
 * @param orderedKeys {@code ordered-keys} (default true): rows with an ordering key are relayed strictly in write
 *        order per key — a row is eligible only when no older pending row of the same queue and key exists (a DEAD
 *        row does not block its key). Rows without a key are never held back. {@code false}: keys only pick lanes.
 * @param retention {@code retention} (default 0 = delete at once): how long a delivered row is kept (status DONE,
 *        so its deduplication key keeps protecting) before it is purged in batches
 * @param fastPath {@code fast-path} (default true): hand the ids committed in this JVM straight to a relay
 *        subscription of their queue; {@code false} leaves everything to the poller
 * @param claim {@code claim} (default {@code auto}): how rows are claimed — {@code skip-locked} (JPQL
 *        {@code PESSIMISTIC_WRITE} with lock timeout -2, which Hibernate turns into {@code FOR UPDATE SKIP LOCKED}),
 *        {@code update} (portable: candidates without locks, then a conditional {@code UPDATE} stamps those still
 *        free), {@code auto} = {@code skip-locked} under Hibernate, {@code update} under other providers (EclipseLink
 *        in Open Liberty and Payara)
 */
public record OutboxConfig(Duration pollInterval, int batchSize, Duration lease, Retry retry, boolean orderedKeys,
        Duration retention, boolean fastPath, String claim) {

    /** Defaults: 500 ms poll, batch 100, lease 30 s, exponential retry, ordered keys, no retention, fast path on. */
    public static final OutboxConfig DEFAULTS = from(new ConnectorConfig("outbox", Map.of()));

    /**
     * The retry policy of nacked rows.
     *
     * @param policy {@code retry.policy}: {@code exponential} (default), {@code linear} or {@code constant}
     * @param initialDelay {@code retry.initial-delay} (default 1s): the first retry's delay; the constant delay;
     *        the linear step
     * @param maxDelay {@code retry.max-delay} (default 5m): cap of any delay
     * @param multiplier {@code retry.multiplier} (default 2.0): exponential growth per attempt
     * @param jitter {@code retry.jitter} (default 0.2): each delay is scaled by a random factor in
     *        {@code [1 - jitter, 1 + jitter]} (still capped), so retries of many rows spread out
     * @param maxAttempts {@code retry.max-attempts} (default 10; 0 = unlimited): failed deliveries after which the
     *        row becomes DEAD
     * @param maxAge {@code retry.max-age} (default 0 = none): a row older than this becomes DEAD on its next failure
     */
    public record Retry(String policy, Duration initialDelay, Duration maxDelay, double multiplier, double jitter,
            int maxAttempts, Duration maxAge) {
    }

    /** Reads a connector's section; fails with a coded error for an invalid value. */
    public static OutboxConfig from(ConnectorConfig c) {
        String policy = c.get("retry.policy", "exponential").trim().toLowerCase(Locale.ROOT);
        if (!policy.equals("exponential") && !policy.equals("linear") && !policy.equals("constant")) {
            throw new TributaryException("TRB-OBX010", "tributary.connectors." + c.name() + ".retry.policy = '" + policy
                    + "' is not a retry policy; use exponential, linear or constant");
        }
        Retry retry = new Retry(policy, positive(c, "retry.initial-delay", c.getDuration("retry.initial-delay",
                Duration.ofSeconds(1))), c.getDuration("retry.max-delay", Duration.ofMinutes(5)),
                number(c, "retry.multiplier", 2.0, 1.0, 100.0), number(c, "retry.jitter", 0.2, 0.0, 1.0),
                atLeast(c, "retry.max-attempts", c.getInt("retry.max-attempts", 10), 0),
                c.getDuration("retry.max-age", Duration.ZERO));
        return new OutboxConfig(positive(c, "poll-interval", c.getDuration("poll-interval", Duration.ofMillis(500))),
                atLeast(c, "claim-size", c.getInt("claim-size", 500), 1),
                positive(c, "lease", c.getDuration("lease", Duration.ofSeconds(30))), retry,
                c.getBoolean("ordered-keys", true), c.getDuration("retention", Duration.ZERO),
                c.getBoolean("fast-path", true), claim(c));
    }

    private static String claim(ConnectorConfig c) {
        String v = c.get("claim", "auto").trim().toLowerCase(Locale.ROOT);
        if (!v.equals("auto") && !v.equals("skip-locked") && !v.equals("update")) {
            throw new TributaryException("TRB-OBX010", "tributary.connectors." + c.name() + ".claim = '" + v
                    + "' is not a claim strategy; use auto, skip-locked or update");
        }
        return v;
    }

    /** This connector's settings with a subscription's overrides ({@code tributary.channels.<channel>.*}). */
    public static OutboxConfig from(ConnectorConfig c, Map<String, String> overrides) {
        if (overrides.isEmpty()) {
            return from(c);
        }
        Map<String, String> merged = new LinkedHashMap<>(c.asMap());
        merged.putAll(overrides);
        return from(new ConnectorConfig(c.name(), merged));
    }

    private static Duration positive(ConnectorConfig c, String key, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new TributaryException("TRB-OBX010", "tributary.connectors." + c.name() + "." + key + " must be positive");
        }
        return d;
    }

    private static int atLeast(ConnectorConfig c, String key, int v, int min) {
        if (v < min) {
            throw new TributaryException("TRB-OBX010", "tributary.connectors." + c.name() + "." + key + " = " + v
                    + " must be at least " + min);
        }
        return v;
    }

    private static double number(ConnectorConfig c, String key, double def, double min, double max) {
        String v = c.get(key).orElse(null);
        if (v == null) {
            return def;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (d < min || d > max) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new TributaryException("TRB-CFG001", "tributary.connectors." + c.name() + "." + key + " = '" + v
                    + "' is not a number between " + min + " and " + max);
        }
    }
}
