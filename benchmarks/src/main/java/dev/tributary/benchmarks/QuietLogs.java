package dev.tributary.benchmarks;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps Weld's and SmallRye's INFO start-up lines out of the JMH output (both log through JUL). */
final class QuietLogs {

    private static final Logger ROOT = Logger.getLogger("");

    private QuietLogs() {
    }

    static void apply() {
        ROOT.setLevel(Level.WARNING);
    }
}
