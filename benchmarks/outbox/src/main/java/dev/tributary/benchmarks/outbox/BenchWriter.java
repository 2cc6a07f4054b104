package dev.tributary.benchmarks.outbox;

import dev.tributary.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The application side of the benchmark: writes outbox rows through the {@link Outbox} API inside JTA transactions
 * ({@code @Transactional}, Narayana's interceptor), as an application would. Thread-safe; each call is one
 * transaction, committed when the call returns.
 */
@ApplicationScoped
public class BenchWriter {
    static final String QUEUE = "bench";

    @Inject
    Outbox outbox;

    /** One transaction writing the rows {@code first … first + count - 1}. */
    @Transactional
    public void writeMany(long first, int count) {
        for (long seq = first; seq < first + count; seq++) {
            outbox.publish(Bodies.of(seq), QUEUE);
        }
    }

    /** One transaction writing one row. */
    @Transactional
    public void writeOne(long seq) {
        outbox.publish(Bodies.of(seq), QUEUE);
    }
}
