package dev.tributary.cdi.se;

import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Runs a Tributary application in plain Java on Weld SE: the application's bean archives (jars and
 * directories with {@code META-INF/beans.xml}) are discovered, connectors connect and handlers consume until
 * the process gets SIGTERM or SIGINT; then consumption stops, in-flight handlers drain (bounded by
 * {@code tributary.shutdown.timeout}), connectors close and the process exits 0.
 *
 * <pre>{@code java -cp app.jar:libs/* dev.tributary.cdi.se.Tributary}</pre>
 *
 * <p>Programmatic use: {@code try (Tributary.Running app = Tributary.start()) { ... }}; closing drains the same
 * way. Thread-safe; {@link Running#close()} is idempotent.
 */
public final class Tributary {
    private static final System.Logger LOG = System.getLogger("dev.tributary.cdi.se");

    private Tributary() {
    }

    /** A started container. */
    public interface Running extends AutoCloseable {
        /** The container's bean manager. */
        BeanManager beanManager();

        /** A bean of the given type (default qualifier). */
        <T> T select(Class<T> type);

        /** Whether the container still runs. */
        boolean isRunning();

        /** Stops consuming, drains in-flight handlers, closes connectors and shuts the container down. */
        @Override
        void close();
    }

    /** Starts Weld SE with bean discovery on the application class path. */
    public static Running start() {
        return start(new Weld().skipShutdownHook());
    }

    /** Starts a configured {@link Weld} (for example with discovery off and explicit bean classes). */
    public static Running start(Weld weld) {
        WeldContainer container = weld.initialize();
        return new Handle(container);
    }

    public static void main(String[] args) {
        // handlers first: a SIGTERM that arrives while the container starts must still drain and exit 0
        CountDownLatch stop = new CountDownLatch(1);
        boolean signals = onSignal("TERM", stop);
        onSignal("INT", stop); // refused when the parent ignores SIGINT (background jobs); SIGTERM is what matters
        Running app;
        try {
            app = start();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "TRB-SE001 the application did not start: " + e.getMessage(), e);
            System.exit(1);
            return;
        }
        LOG.log(Level.INFO, "TRB-SE000 Tributary application started; stop it with SIGTERM or Ctrl-C");
        if (!signals) {
            // No signal API: the JVM's own shutdown runs the hook (exit status then is the JVM's).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                LOG.log(Level.INFO, "TRB-SE002 Tributary drained and stopped");
            }, "tributary-shutdown"));
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        app.close();
        LOG.log(Level.INFO, "TRB-SE002 Tributary drained and stopped");
        System.exit(0);
    }

    /**
     * Handles a signal through {@code sun.misc.Signal} (reflectively: it is not part of the Java SE API) so that
     * the process drains and exits 0 instead of the JVM's default 128+signal.
     */
    private static boolean onSignal(String name, CountDownLatch stop) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object sig = signal.getConstructor(String.class).newInstance(name);
            InvocationHandler ih = (proxy, method, margs) -> {
                if (method.getName().equals("handle")) {
                    stop.countDown();
                    return null;
                }
                return method.invoke(stop, margs);
            };
            Object h = Proxy.newProxyInstance(Tributary.class.getClassLoader(), new Class<?>[] {handler}, ih);
            signal.getMethod("handle", signal, handler).invoke(null, sig, h);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static final class Handle implements Running {
        private final WeldContainer container;

        Handle(WeldContainer container) {
            this.container = container;
        }

        @Override
        public BeanManager beanManager() {
            return container.getBeanManager();
        }

        @Override
        public <T> T select(Class<T> type) {
            return container.select(type).get();
        }

        @Override
        public boolean isRunning() {
            return container.isRunning();
        }

        @Override
        public synchronized void close() {
            if (container.isRunning()) {
                container.shutdown();
            }
        }
    }
}
