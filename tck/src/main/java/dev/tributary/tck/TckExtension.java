package dev.tributary.tck;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Registered by {@link TckContract}: gives each test its {@link TckEnvironment} (starting the broker on first
 * use) and counts results per connector, printing one line per connector when the JUnit run ends:
 * {@code [TCK] memory: 49 tests, 44 passed, 5 skipped, 0 failed}. A test skipped by an assumption (a
 * capability the connector does not claim) counts as skipped, never as passed.
 */
final class TckExtension implements BeforeEachCallback, TestWatcher {

    @Override
    public void beforeEach(ExtensionContext context) {
        TckContract contract = contract(context).orElseThrow();
        contract.env = TckEnvironment.of(context, contract.provider());
    }

    private static Optional<TckContract> contract(ExtensionContext context) {
        return context.getTestInstance().filter(TckContract.class::isInstance).map(TckContract.class::cast);
    }

    private static Counts counts(ExtensionContext context) {
        String name = contract(context).map(c -> c.env != null ? c.env.provider.name() : c.provider().name())
                .orElse("?");
        return context.getRoot().getStore(ExtensionContext.Namespace.create(TckExtension.class))
                .getOrComputeIfAbsent(Report.class, k -> new Report(), Report.class).of(name);
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        counts(context).passed.incrementAndGet();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        counts(context).failed.incrementAndGet();
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        counts(context).skipped.incrementAndGet();
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        counts(context).skipped.incrementAndGet();
    }

    static final class Counts {
        final AtomicInteger passed = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
    }

    /** The counts of one JUnit run; printed when the run's root context closes. */
    @SuppressWarnings("deprecation")
    static final class Report implements ExtensionContext.Store.CloseableResource {
        private final Map<String, Counts> byConnector = new ConcurrentHashMap<>();

        Counts of(String connector) {
            return byConnector.computeIfAbsent(connector, k -> new Counts());
        }

        @Override
        public void close() {
            byConnector.forEach((name, c) -> {
                int total = c.passed.get() + c.skipped.get() + c.failed.get();
                System.out.println("[TCK] " + name + ": " + total + " tests, " + c.passed.get() + " passed, "
                        + c.skipped.get() + " skipped, " + c.failed.get() + " failed");
            });
        }
    }
}
