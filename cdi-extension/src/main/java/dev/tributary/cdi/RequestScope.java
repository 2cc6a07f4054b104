package dev.tributary.cdi;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.System.Logger.Level;

/**
 * Activates a fresh CDI request context around one handler invocation, on the worker thread.
 *
 * <p>Two ways, chosen once: with Weld (Weld SE, WildFly, Payara, Open Liberty) its unbound request context
 * directly — about 120 ns and 200 bytes per message; otherwise the portable {@link RequestContextController}
 * — about 290 ns and 1.8 kB per message in Weld, which also fires the request scope's lifecycle events
 * (measured by {@code benchmarks/RequestContextCost}). The Weld way fires no {@code @Initialized(RequestScoped)}
 * events for message scopes.
 *
 * <p>One instance per lane; {@link #begin()} and {@link #end()} are called on that lane's worker thread.
 */
interface RequestScope {

    /** Activates a request context unless one is active on this thread; true when it did (then call {@link #end()}). */
    boolean begin();

    /** Destroys the request's instances and deactivates the context. */
    void end();

    /** The fastest way available in this container, or {@code null} when the container offers none. */
    static RequestScope of(BeanManager beans) {
        if (beans == null) {
            return null; // no CDI container (TributaryClient): nothing to activate
        }
        try {
            Class.forName("org.jboss.weld.context.unbound.UnboundLiteral", false, RequestScope.class.getClassLoader());
            return WeldRequestScope.of(beans);
        } catch (ClassNotFoundException | LinkageError | RuntimeException notWeld) {
            MessageProcessor.LOG.log(Level.DEBUG, () -> "TRB-RUN005 Weld's request context is not visible ("
                    + notWeld + "); using RequestContextController");
        }
        try {
            RequestContextController controller = beans.createInstance().select(RequestContextController.class).get();
            return new RequestScope() {
                @Override
                public boolean begin() {
                    return controller.activate();
                }

                @Override
                public void end() {
                    controller.deactivate();
                }
            };
        } catch (RuntimeException e) {
            MessageProcessor.LOG.log(Level.WARNING, "TRB-RUN005 no way to activate the CDI request context around "
                    + "handlers: " + e);
            return null;
        }
    }
}
