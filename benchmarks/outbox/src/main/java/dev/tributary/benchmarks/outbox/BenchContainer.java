package dev.tributary.benchmarks.outbox;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;

import com.arjuna.ats.jta.cdi.TransactionExtension;

import dev.tributary.cdi.TributaryExtension;
import dev.tributary.cdi.se.Tributary;
import dev.tributary.outbox.Outbox;

/**
 * Starts a Weld SE container the way an SE application of the outbox would: Tributary's and Narayana's extensions,
 * the outbox's beans, the EntityManager producer and the given benchmark beans (the Kafka connector comes from
 * its ServiceLoader entry); configuration
 * as system properties (MicroProfile Config), cleared again on close. Discovery is off (the shaded jar would
 * otherwise be one big bean archive), so the outbox's beans are found the way its {@code annotated} beans.xml says:
 * the classes of its jar carrying a bean-defining annotation. One container at a time.
 */
final class BenchContainer implements AutoCloseable {

    private static List<Class<?>> outboxBeans;

    private final Map<String, String> config;
    private final Tributary.Running app;

    private BenchContainer(Map<String, String> config, Tributary.Running app) {
        this.config = config;
        this.app = app;
    }

    static BenchContainer start(Map<String, String> config, Class<?>... beans) {
        config.forEach(System::setProperty);
        release();
        try {
            Weld weld = new Weld("outbox-bench-" + System.nanoTime()).disableDiscovery().skipShutdownHook()
                    .addExtension(new TributaryExtension()).addExtension(new TransactionExtension())
                    .addBeanClasses(outboxBeans().toArray(Class<?>[]::new))
                    .addBeanClasses(BenchPersistence.class, StartLatch.class)
                    .addBeanClasses(beans);
            Tributary.Running app = Tributary.start(weld);
            BenchContainer c = new BenchContainer(config, app);
            try {
                app.select(StartLatch.class).await();
            } catch (RuntimeException | InterruptedException e) {
                c.close();
                throw new IllegalStateException("Tributary did not start", e);
            }
            return c;
        } catch (RuntimeException e) {
            clear(config);
            throw e;
        }
    }

    <T> T select(Class<T> type) {
        return app.select(type);
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            clear(config);
        }
    }

    private static void clear(Map<String, String> config) {
        config.keySet().forEach(System::clearProperty);
        release();
    }

    private static void release() {
        try {
            ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        } catch (RuntimeException ignored) {
            // nothing to release
        }
    }

    /** The outbox jar's bean classes: those under {@code dev/tributary/outbox/} with a bean-defining annotation. */
    static synchronized List<Class<?>> outboxBeans() {
        if (outboxBeans != null) {
            return outboxBeans;
        }
        List<String> names = new ArrayList<>();
        try {
            Path source = Path.of(Outbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.walk(source.resolve("dev/tributary/outbox"))) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .forEach(f -> names.add(source.relativize(f).toString()));
                }
            } else {
                try (JarFile jar = new JarFile(source.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                        String n = e.nextElement().getName();
                        if (n.startsWith("dev/tributary/outbox/") && n.endsWith(".class")) {
                            names.add(n);
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the outbox's classes", e);
        }
        List<Class<?>> beans = new ArrayList<>();
        for (String n : names) {
            String className = n.substring(0, n.length() - ".class".length()).replace('/', '.').replace('\\', '.');
            try {
                Class<?> c = Class.forName(className, false, Outbox.class.getClassLoader());
                if (!c.isInterface() && !c.isRecord() && beanDefining(c)) {
                    beans.add(c);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load " + className, e);
            }
        }
        if (beans.isEmpty()) {
            throw new IllegalStateException("no outbox beans found next to " + Outbox.class);
        }
        outboxBeans = List.copyOf(beans);
        return outboxBeans;
    }

    private static boolean beanDefining(Class<?> c) {
        for (Annotation a : c.getDeclaredAnnotations()) {
            String t = a.annotationType().getName();
            if (t.equals("jakarta.enterprise.context.ApplicationScoped") || t.equals("jakarta.enterprise.context.Dependent")
                    || t.equals("jakarta.enterprise.context.RequestScoped") || t.equals("jakarta.inject.Singleton")) {
                return true;
            }
        }
        return false;
    }
}
