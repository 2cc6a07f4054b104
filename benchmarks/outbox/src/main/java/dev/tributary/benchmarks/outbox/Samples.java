package dev.tributary.benchmarks.outbox;

import java.util.Arrays;

/** Order statistics of a set of values (nearest-rank percentiles). Not thread-safe. */
final class Samples {
    private double[] values = new double[16];
    private int n;

    void add(double v) {
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
        }
        values[n++] = v;
    }

    int size() {
        return n;
    }

    double percentile(double p) {
        if (n == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
    }

    double median() {
        if (n == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    double min() {
        return percentile(0);
    }

    double max() {
        return percentile(100);
    }
}
