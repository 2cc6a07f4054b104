package dev.tributary.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The two sides of an end-to-end benchmark, per case: the raw client and Tributary. Ratios, verdicts and the report
 * parts every end-to-end report shares (the per-run table, failures). Read-only; used after the runs.
 *
 * @param <C> the benchmark's case type
 */
final class RawVersusTributary<C> {
    static final double GOAL = 0.90;

    private final Map<C, Measurement> raw;
    private final Map<C, Measurement> tributary;
    private final Function<C, String> key;

    RawVersusTributary(Map<C, Measurement> raw, Map<C, Measurement> tributary, Function<C, String> key) {
        this.raw = raw;
        this.tributary = tributary;
        this.key = key;
    }

    Measurement raw(C c) {
        return raw.get(c);
    }

    Measurement tributary(C c) {
        return tributary.get(c);
    }

    /** Tributary's median over raw's. */
    double ratio(C c) {
        return tributary.get(c).median() / raw.get(c).median();
    }

    /** PASS / MISS against {@link #GOAL}, or NO DATA when a side failed. */
    String verdict(C c) {
        if (!raw.get(c).ok() || !tributary.get(c).ok()) {
            return "NO DATA";
        }
        return ratio(c) >= GOAL ? "PASS" : "MISS";
    }

    /** "raw X unit/s, Tributary Y unit/s, ratio R" for a summary line. */
    String summary(C c, String unit) {
        Measurement r = raw.get(c);
        Measurement t = tributary.get(c);
        String s = String.format(Locale.ROOT, "raw %s %s, Tributary %s %s", r.ok() ? Report.rate(r.median()) : "FAILED", unit,
                t.ok() ? Report.rate(t.median()) : "FAILED", unit);
        return r.ok() && t.ok() ? s + String.format(Locale.ROOT, ", ratio %.2f", ratio(c)) : s;
    }

    /** The cells "raw median | Tributary median | ratio" of a goal table row. */
    String rateCells(C c) {
        Measurement r = raw.get(c);
        Measurement t = tributary.get(c);
        return (r.ok() ? Report.rate(r.median()) : "failed") + " | " + (t.ok() ? Report.rate(t.median()) : "failed") + " | "
                + (r.ok() && t.ok() ? String.format(Locale.ROOT, "%.2f", ratio(c)) : "–");
    }

    /** "## Runs": median and range of every case and side, then the failures. */
    void runs(StringBuilder md, List<C> cases, String unit) {
        md.append("\n## Runs\n\n");
        md.append("| case | side | median ").append(unit).append(" | min – max ").append(unit).append(" | runs |\n")
                .append("|---|---|---:|---:|---:|\n");
        for (C c : cases) {
            row(md, key.apply(c), "raw", raw.get(c));
            row(md, key.apply(c), "Tributary", tributary.get(c));
        }
        md.append('\n');
        for (C c : cases) {
            for (Measurement m : List.of(raw.get(c), tributary.get(c))) {
                if (!m.ok()) {
                    md.append("Failure in ").append(key.apply(c)).append(": ").append(m.failure().replace('\n', ' '))
                            .append("\n\n");
                }
            }
        }
    }

    private static void row(StringBuilder md, String key, String side, Measurement m) {
        if (!m.ok()) {
            md.append("| ").append(key).append(" | ").append(side).append(" | failed | | |\n");
            return;
        }
        md.append("| ").append(key).append(" | ").append(side).append(" | ").append(Report.rate(m.median())).append(" | ")
                .append(Report.rate(m.min())).append(" – ").append(Report.rate(m.max())).append(" | ")
                .append(m.iterations()).append(" |\n");
    }

    /** The median of some values; NaN for none. */
    static double median(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
