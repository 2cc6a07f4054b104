package dev.tributary.tck.brokers;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands tests a running broker shared by the whole test JVM: one broker per
 * type, created and started on first use, kept in the root {@link ExtensionContext.Store} and closed
 * (stopped, data deleted) when the root context closes at the end of the run.
 *
 * <pre>{@code
 * @ExtendWith(Brokers.class)
 * class MyRedisTest {
 *     @Test
 *     void roundTrip(RedisBroker redis) {        // also in constructors, @BeforeAll, @BeforeEach …
 *         try (var jedis = new Jedis(redis.host(), redis.port())) { … }
 *     }
 * }
 * }</pre>
 *
 * <p>Any parameter whose type is a concrete {@link Broker} class with a public no-argument
 * constructor ({@link RedisBroker}, {@link NatsBroker}, {@link MosquittoBroker},
 * {@link RabbitMqBroker}, {@link PostgresBroker}, {@link KafkaBroker}) is resolved. Code that has an
 * {@link ExtensionContext} but no parameter (a TCK provider, another extension) calls
 * {@link #shared(ExtensionContext, Class)}.
 *
 * <p>Tests may {@link Broker#stop() stop}, {@link Broker#start() start} and
 * {@link Broker#restart() restart} a shared broker; each resolution starts it again if a previous
 * test left it stopped. They must not close it. A test that needs a differently configured broker
 * creates its own ({@code try (var b = new MosquittoBroker().withOption(…)) { b.start(); … }}).
 *
 * <p>Threading: resolution is thread-safe (parallel test execution gets the same instance); the first
 * resolution of a type blocks while the broker starts.
 */
public final class Brokers implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Brokers.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return Broker.class.isAssignableFrom(type) && !type.isInterface()
                && !Modifier.isAbstract(type.getModifiers()) && Modifier.isPublic(type.getModifiers());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<? extends Broker> type = parameter.getParameter().getType().asSubclass(Broker.class);
        try {
            return shared(context, type);
        } catch (BrokerException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
    }

    /**
     * The running broker of this type shared by the test JVM, started if needed.
     *
     * @throws BrokerException when it cannot be created or started
     */
    public static <B extends Broker> B shared(ExtensionContext context, Class<B> type) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        B broker = store.getOrComputeIfAbsent(type, Brokers::instantiate, type);
        broker.start();
        return broker;
    }

    private static <B extends Broker> B instantiate(Class<B> type) {
        try {
            Constructor<B> constructor = type.getConstructor();
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new BrokerException("TRB-TCK106", "cannot create a shared " + type.getName()
                    + ": it needs a public no-argument constructor", e);
        }
    }
}
