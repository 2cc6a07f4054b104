package dev.tributary.cdi;

import dev.tributary.Channel;
import dev.tributary.Incoming;
import dev.tributary.Outgoing;
import dev.tributary.Publisher;
import dev.tributary.TributaryException;
import dev.tributary.spi.ConnectorConfig;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Tributary portable extension. Discovery collects handler methods ({@code @Incoming}/{@code @Outgoing}
 * on managed beans) and {@code @Channel Publisher<T>} injection points; {@code AfterBeanDiscovery} adds one
 * synthetic {@link Publisher} bean per channel plus the {@link dev.tributary.Subscriptions}, health and
 * lifecycle beans; {@code AfterDeploymentValidation} creates the connectors (no I/O) and validates the whole
 * graph, reporting every problem in one {@link DeploymentException} (codes {@code TRB-CDI001…015}).
 * Connectors start and subscriptions open when the application scope is initialized, and drain and close
 * before it is destroyed.
 *
 * <p>Registered as a service provider; the container creates it and calls it on its deployment thread.
 */
public class TributaryExtension implements Extension {
    private static final Type PUBLISHER_OF_OBJECT = new TypeLiteral<Publisher<Object>>() { }.getType();

    private final List<HandlerMethod> handlers = new ArrayList<>();
    private final Set<Class<?>> typesWithHandlers = new LinkedHashSet<>();
    private final Set<Class<?>> beanClassesWithHandlers = new HashSet<>();
    private final List<ChannelPoint> channelPoints = new ArrayList<>();
    private final List<Bean<?>> announcedBeans = new ArrayList<>();
    private final Map<String, Set<Type>> channelTypes = new LinkedHashMap<>();
    private volatile TributaryRuntime runtime;

    void beforeDiscovery(@Observes BeforeBeanDiscovery bbd, BeanManager bm) {
        bbd.addAnnotatedType(bm.createAnnotatedType(TributaryLifecycle.class), TributaryLifecycle.class.getName());
        bbd.addAnnotatedType(bm.createAnnotatedType(DynamicSubscriptions.class), DynamicSubscriptions.class.getName());
        bbd.addAnnotatedType(bm.createAnnotatedType(DynamicPublishers.class), DynamicPublishers.class.getName());
        bbd.addAnnotatedType(bm.createAnnotatedType(TributaryHealth.class), TributaryHealth.class.getName());
    }

    <X> void annotatedType(@Observes @WithAnnotations({Incoming.class, Incoming.List.class, Outgoing.class,
            Outgoing.List.class}) ProcessAnnotatedType<X> pat) {
        Class<X> c = pat.getAnnotatedType().getJavaClass();
        if (!c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
            typesWithHandlers.add(c);
        }
    }

    <X> void managedBean(@Observes ProcessManagedBean<X> pmb) {
        AnnotatedType<X> type = pmb.getAnnotatedBeanClass();
        for (AnnotatedMethod<? super X> am : type.getMethods()) {
            Method m = am.getJavaMember();
            if (m.isAnnotationPresent(Incoming.class) || m.isAnnotationPresent(Incoming.List.class)
                    || m.isAnnotationPresent(Outgoing.class) || m.isAnnotationPresent(Outgoing.List.class)) {
                handlers.add(new HandlerMethod(pmb.getBean(), type, m));
                beanClassesWithHandlers.add(type.getJavaClass());
            }
        }
    }

    /** Every enabled bean: the runtime looks connector providers, codecs and listeners up among them (see DeployedBeans). */
    void anyBean(@Observes ProcessBean<?> pb) {
        announcedBeans.add(pb.getBean());
    }

    void injectionPoint(@Observes ProcessInjectionPoint<?, ?> pip) {
        InjectionPoint ip = pip.getInjectionPoint();
        Channel channel = null;
        for (Annotation q : ip.getQualifiers()) {
            if (q instanceof Channel c) {
                channel = c;
            }
        }
        if (channel == null || DeploymentPlanner.rawType(ip.getType()) != Publisher.class) {
            return;
        }
        Type requested = ip.getType();
        Type element = DeploymentPlanner.typeArgument(requested, 0);
        boolean exact = requested instanceof ParameterizedType p && !(p.getActualTypeArguments()[0] instanceof WildcardType)
                && !(p.getActualTypeArguments()[0] instanceof TypeVariable<?>);
        String where = ip.getMember() != null ? Problems.where(ip.getMember().getDeclaringClass(), ip.getMember().getName())
                : String.valueOf(ip);
        channelPoints.add(new ChannelPoint(channel.value(), channel.connector(), element, where));
        channelTypes.computeIfAbsent(channel.value(), k -> new LinkedHashSet<>()).add(exact ? requested : PUBLISHER_OF_OBJECT);
    }

    void afterDiscovery(@Observes AfterBeanDiscovery abd) {
        channelTypes.forEach((name, types) -> {
            Set<Type> beanTypes = new LinkedHashSet<>(types);
            beanTypes.add(Object.class);
            abd.addBean()
                    .beanClass(ChannelPublisher.class)
                    .types(beanTypes)
                    .qualifiers(new ChannelLiteral(name), Any.Literal.INSTANCE)
                    .scope(Dependent.class)
                    .createWith(cc -> runtime().publisher(name));
        });
    }

    void validate(@Observes AfterDeploymentValidation adv, BeanManager bm) {
        Problems problems = new Problems();
        RuntimeConfig config = RuntimeConfig.load();
        Duration shutdown = Duration.ofSeconds(10);
        try {
            shutdown = config.get("tributary.shutdown.timeout").map(v -> ConnectorConfig.parseDuration("tributary.shutdown.timeout", v))
                    .orElse(shutdown);
        } catch (TributaryException e) {
            problems.add("TRB-CDI014", "configuration tributary.shutdown.timeout", e.getMessage(),
                    "write a duration such as 500ms, 10s or PT10S");
        }
        RuntimeConfig poolConfig = config;
        String threads = config.get("tributary.executor.max-threads").orElse(null);
        if (threads != null && !threads.matches("\\d+|") || "0".equals(threads)) {
            problems.add("TRB-CDI014", "configuration tributary.executor.max-threads", "'" + threads
                    + "' is not a positive integer", "set a whole number of at least 1");
            poolConfig = new RuntimeConfig(Map.of());
        }
        WorkerPool pool = WorkerPool.create(poolConfig);
        DeployedBeans deployed = new DeployedBeans(bm, announcedBeans);
        announcedBeans.clear();
        Instances instances = new Instances(deployed);
        Codecs codecs = new Codecs(instances);
        ConnectorRegistry connectors = ConnectorRegistry.create(config, deployed, pool, problems);
        DeploymentPlanner planner = new DeploymentPlanner(config, connectors, codecs, instances, problems);
        for (Class<?> c : typesWithHandlers) {
            if (!beanClassesWithHandlers.contains(c)) {
                problems.add("TRB-CDI015", c.getName(), "the class has @Incoming/@Outgoing methods but is not a CDI managed bean",
                        "give it a bean-defining annotation such as @ApplicationScoped (and no @Vetoed)");
            }
        }
        for (HandlerMethod h : handlers) {
            planner.handler(h);
        }
        for (ChannelPoint p : channelPoints) {
            planner.channel(p);
        }
        planner.finish();
        if (!problems.isEmpty()) {
            adv.addDeploymentProblem(new DeploymentException(problems.report()));
            TributaryRuntime failed = new TributaryRuntime(config, pool, connectors, codecs, Duration.ZERO, deployed, planner);
            failed.closeConnectors(Duration.ZERO);
            pool.close();
            return;
        }
        runtime = new TributaryRuntime(config, pool, connectors, codecs, shutdown, deployed, planner);
    }

    void beforeShutdown(@Observes BeforeShutdown bs) {
        TributaryRuntime r = runtime;
        if (r != null) {
            r.stop();
        }
    }

    TributaryRuntime runtime() {
        TributaryRuntime r = runtime;
        if (r == null) {
            throw new TributaryException("TRB-RUN006", "Tributary is not deployed (the deployment failed or has not been validated yet)");
        }
        return r;
    }
}
