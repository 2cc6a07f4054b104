package dev.tributary.memory.testing;

import dev.tributary.memory.MemoryConfig;
import dev.tributary.memory.MemoryConnector;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionTarget;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * The JUnit 5 side of {@link TributaryTest}: boots Weld SE for the test class with connectors substituted
 * by memory connectors, injects the test instance, resolves {@link TestBroker} parameters, clears the
 * recorded calls before each test and shuts everything down after the class.
 *
 * <p>While the container runs, the system property {@value MemoryConfig#SUBSTITUTE_PROPERTY}{@code =true}
 * (and the annotation's {@link TributaryTest#properties()}) are set; the cached MicroProfile Config is
 * released before boot and after shutdown so that each test class sees its own properties.
 */
public final class TestBrokerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        TestInstancePostProcessor, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestBrokerExtension.class);
    private static final String KEY = "running";

    /** One booted application. */
    private static final class Running {
        final WeldContainer container;
        final TestBroker broker;
        final Map<String, String> savedProperties;
        final List<CreationalContext<?>> contexts = new ArrayList<>();

        Running(WeldContainer container, TestBroker broker, Map<String, String> savedProperties) {
            this.container = container;
            this.broker = broker;
            this.savedProperties = savedProperties;
        }

        void close() {
            try {
                for (CreationalContext<?> c : contexts) {
                    c.release();
                }
                if (container.isRunning()) {
                    container.shutdown();
                }
            } finally {
                broker.close();
                restore(savedProperties);
                releaseConfig();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        Running r = running(context);
        inject(r, testInstance);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        running(context).broker.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Running r = context.getStore(NS).remove(KEY, Running.class);
        if (r != null) {
            r.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return running(extensionContext).broker;
    }

    // ---- boot

    private static Running running(ExtensionContext context) {
        Running r = context.getStore(NS).get(KEY, Running.class);
        if (r != null) {
            return r;
        }
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        Running booted = boot(classContext.getRequiredTestClass());
        classContext.getStore(NS).put(KEY, booted);
        return booted;
    }

    private static Running boot(Class<?> testClass) {
        TributaryTest settings = testClass.getAnnotation(TributaryTest.class);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(MemoryConfig.SUBSTITUTE_PROPERTY, "true");
        long timeoutMillis = 10_000;
        if (settings != null) {
            for (String kv : settings.properties()) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("TRB-MEM107 @TributaryTest(properties) entry '" + kv
                            + "' is not key=value");
                }
                properties.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
            timeoutMillis = settings.timeoutMillis();
        }
        Map<String, String> saved = apply(properties);
        releaseConfig();
        CallRecorder recorder = new CallRecorder();
        TestBroker broker = new TestBroker(recorder, Duration.ofMillis(timeoutMillis), MemoryConnector.running());
        try {
            Weld weld = new Weld("tributary-test-" + testClass.getSimpleName() + "-" + UUID.randomUUID());
            weld.skipShutdownHook();
            if (settings != null && !settings.discovery()) {
                weld.disableDiscovery();
                // without discovery Weld does not load portable extensions (the Tributary runtime is one)
                for (Extension e : ServiceLoader.load(Extension.class, classLoader(testClass))) {
                    weld.addExtension(e);
                }
            }
            if (settings != null) {
                for (Class<?> p : settings.packages()) {
                    weld.addPackages(true, p);
                }
                weld.addBeanClasses(settings.beanClasses());
            }
            weld.addExtension(new TestBrokerBeans(recorder, broker));
            WeldContainer container = weld.initialize();
            return new Running(container, broker, saved);
        } catch (RuntimeException | Error e) {
            broker.close();
            restore(saved);
            releaseConfig();
            throw e;
        }
    }

    private static ClassLoader classLoader(Class<?> testClass) {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        return tccl != null ? tccl : testClass.getClassLoader();
    }

    // ---- injection into the test instance

    @SuppressWarnings("unchecked")
    private static void inject(Running r, Object instance) {
        BeanManager bm = r.container.getBeanManager();
        try {
            AnnotatedType<Object> type = bm.createAnnotatedType((Class<Object>) instance.getClass());
            InjectionTarget<Object> target = bm.getInjectionTargetFactory(type).createInjectionTarget(null);
            CreationalContext<Object> cc = bm.createCreationalContext(null);
            target.inject(instance, cc);
            r.contexts.add(cc);
        } catch (RuntimeException e) {
            throw TestBrokerErrors.injection("the @Inject fields of " + instance.getClass().getName(), e);
        }
        for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType() == TestBroker.class && !Modifier.isStatic(f.getModifiers())) {
                    try {
                        f.setAccessible(true);
                        if (f.get(instance) == null) {
                            f.set(instance, r.broker);
                        }
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        throw TestBrokerErrors.injection("the TestBroker into " + f, e);
                    }
                }
            }
        }
    }

    // ---- system properties and MicroProfile Config

    private static Map<String, String> apply(Map<String, String> properties) {
        Map<String, String> saved = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            saved.put(k, System.getProperty(k));
            System.setProperty(k, v);
        });
        return saved;
    }

    private static void restore(Map<String, String> saved) {
        saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    /** Drops the cached MicroProfile Config (if any implementation is present) so it rereads the properties. */
    private static void releaseConfig() {
        try {
            org.eclipse.microprofile.config.spi.ConfigProviderResolver resolver =
                    org.eclipse.microprofile.config.spi.ConfigProviderResolver.instance();
            resolver.releaseConfig(resolver.getConfig());
        } catch (LinkageError | RuntimeException e) {
            // no MicroProfile Config on the class path, or no implementation: nothing is cached
        }
    }
}
