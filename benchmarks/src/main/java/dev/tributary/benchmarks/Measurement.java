package dev.tributary.benchmarks;

import java.util.Collection;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

/**
 * The measured iterations of one benchmark (all rounds pooled), in messages per second; or why it failed.
 */
final class Measurement {

    private final ListStatistics stats = new ListStatistics();
    private String failure;

    void add(Collection<RunResult> results) {
        for (RunResult run : results) {
            for (BenchmarkResult fork : run.getBenchmarkResults()) {
                for (IterationResult it : fork.getIterationResults()) {
                    stats.addValue(it.getPrimaryResult().getScore());
                }
            }
        }
    }

    /** One measured run of an end-to-end benchmark (no JMH), in messages per second. */
    void add(double perSecond) {
        stats.addValue(perSecond);
    }

    void fail(String reason) {
        failure = failure == null ? reason : failure + "; " + reason;
    }

    boolean ok() {
        return failure == null && stats.getN() > 0;
    }

    String failure() {
        return failure != null ? failure : "no measurement";
    }

    double median() {
        return stats.getPercentile(50);
    }

    double mean() {
        return stats.getMean();
    }

    /** Half-width of the 99.9 % confidence interval of the mean (JMH's "± error"); NaN below 2 iterations. */
    double error() {
        return stats.getN() > 1 ? stats.getMeanErrorAt(0.999) : Double.NaN;
    }

    double min() {
        return stats.getMin();
    }

    double max() {
        return stats.getMax();
    }

    long iterations() {
        return stats.getN();
    }
}
