package dev.tributary.benchmarks;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.control.RequestContextController;

import org.jboss.weld.context.RequestContext;
import org.jboss.weld.context.unbound.UnboundLiteral;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Diagnostic, not part of RunAll: what one request-context activation per message costs in Weld SE 6,
 * through the portable {@link RequestContextController} (what Tributary's worker does per message) and
 * through Weld's own unbound {@link RequestContext}. Weld's controller fires the
 * {@code @Initialized/@BeforeDestroyed/@Destroyed(RequestScoped)} events with {@code toString()} payloads
 * on every activate/deactivate pair.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestContextCost {

    private WeldContainer container;
    private RequestContextController controller;
    private RequestContext unbound;

    @Setup(Level.Trial)
    public void start() {
        QuietLogs.apply();
        container = new Weld("request-context-cost").disableDiscovery().addBeanClasses(Progress.class).initialize();
        controller = container.select(RequestContextController.class).get();
        unbound = container.select(RequestContext.class, UnboundLiteral.INSTANCE).get();
    }

    @TearDown(Level.Trial)
    public void stop() {
        container.shutdown();
    }

    @Benchmark
    @Threads(1)
    public void controllerActivateDeactivate() {
        controller.activate();
        controller.deactivate();
    }

    @Benchmark
    @Threads(1)
    public void weldUnboundActivateDeactivate() {
        unbound.activate();
        unbound.invalidate();
        unbound.deactivate();
    }
}
