package dev.tributary.cdi;

import dev.tributary.AckPolicy;
import dev.tributary.Codec;
import dev.tributary.DynamicSubscription;
import dev.tributary.Message;
import dev.tributary.MessageHandler;
import dev.tributary.SubscribeOptions;
import dev.tributary.TributaryException;
import dev.tributary.TributaryStarted;
import dev.tributary.spi.AddressTemplate;
import dev.tributary.spi.Connector;
import dev.tributary.spi.DestinationSpec;
import dev.tributary.spi.Health;
import dev.tributary.spi.InvocationListener;
import dev.tributary.spi.Subscription;
import dev.tributary.spi.SubscriptionSpec;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The running deployment: connectors, subscriptions, publishers and executors. Built by the extension once
 * the deployment validated; {@link #start()} at application-scope initialization, {@link #stop()} before its
 * destruction. Start, stop and dynamic subscribe are thread-safe (serialized).
 */
final class TributaryRuntime {
    private static final System.Logger LOG = MessageProcessor.LOG;

    final RuntimeConfig config;
    final WorkerPool pool;
    final ConnectorRegistry connectors;
    final Codecs codecs;
    final Duration shutdownTimeout;
    private final BeanManager beans;
    private final DeployedBeans deployed;
    private final DeploymentPlanner planner;
    private final List<SubscriptionPlan> plans;
    private final Map<String, ChannelPublisher> publishers;
    private final Map<List<Object>, ChannelPublisher> dynamicPublishers = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Running> running = new CopyOnWriteArrayList<>();
    private InvocationListener[] listeners = new InvocationListener[0];
    private boolean started;
    private boolean requestContext;
    private boolean stopped;

    /** A subscription that is consuming. */
    record Running(String channel, String connector, InboundDispatcher dispatcher, Subscription subscription) {
    }

    TributaryRuntime(RuntimeConfig config, WorkerPool pool, ConnectorRegistry connectors, Codecs codecs,
            Duration shutdownTimeout, DeployedBeans deployed, DeploymentPlanner planner) {
        this.config = config;
        this.pool = pool;
        this.connectors = connectors;
        this.codecs = codecs;
        this.shutdownTimeout = shutdownTimeout;
        this.deployed = deployed;
        this.beans = deployed == null ? null : deployed.manager();
        this.planner = planner;
        this.plans = planner.subscriptions();
        this.publishers = planner.publishers();
    }

    ChannelPublisher publisher(String channel) {
        ChannelPublisher p = publishers.get(channel);
        if (p == null) {
            throw new TributaryException("TRB-RUN006", "no publisher for channel '" + channel + "'");
        }
        return p;
    }

    /**
     * A publisher made at runtime ({@link dev.tributary.Publishers}), resolved like an injected one; cached per
     * channel, connector and body type.
     */
    ChannelPublisher dynamicPublisher(String channel, String connector, Class<?> bodyType) {
        if (!started || stopped) {
            throw new TributaryException("TRB-RUN007", "dynamic publishers need a running Tributary (started: "
                    + started + ", stopped: " + stopped + ")");
        }
        return dynamicPublishers.computeIfAbsent(java.util.Arrays.asList(channel, connector, bodyType), k -> {
            String where = "Publishers.channel(" + channel + ")";
            Problems problems = new Problems();
            // a connector named in the call wins over configuration (it is as explicit as code gets)
            String conn = connectors.resolve(where, channel, problems, connector,
                    config.channel(channel, "connector").orElse(null));
            if (conn == null) {
                Problems.Problem p = problems.all().get(0);
                throw new TributaryException(p.code(), p.what() + "; fix: " + p.fix());
            }
            Connector c = connectors.get(conn);
            String address = config.channel(channel, "address").orElse(channel);
            AddressTemplate template = AddressTemplate.parse(address, c.addressSyntax());
            if (DeploymentPlanner.hasWildcard(template)) {
                throw new TributaryException("TRB-RUN008", "cannot publish to '" + address
                        + "': it contains a wildcard; use a concrete address or {name} levels filled per publish");
            }
            Codec codec = codecs.defaultCodec();
            PublishPath path = new PublishPath(c, new DestinationSpec(channel, template, config.channelOptions(channel),
                    List.of()), codecs.encoder(codec, bodyType), planner.connectorMiddlewares(conn));
            return new ChannelPublisher(channel, template, path, codecs, codec);
        });
    }

    /** Connects, binds handlers and subscribes. Called once; later calls do nothing. */
    synchronized TributaryStarted start() {
        if (started) {
            return null;
        }
        started = true;
        List<InvocationListener> found = new ArrayList<>();
        if (deployed != null) {
            found.addAll(deployed.references(InvocationListener.class));
        }
        listeners = found.toArray(new InvocationListener[0]);
        requestContext = requestContextNeeded();
        for (Map.Entry<Bean<?>, MethodTarget> binding : planner.bindings()) {
            Bean<?> bean = binding.getKey();
            binding.getValue().bind(handlerInstance(bean));
        }
        Duration startTimeout = config.get("tributary.startup.timeout")
                .map(v -> dev.tributary.spi.ConnectorConfig.parseDuration("tributary.startup.timeout", v)).orElse(Duration.ofSeconds(30));
        for (Connector c : connectors.all().values()) {
            try {
                c.start().toCompletableFuture().get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                Throwable cause = MessageProcessor.unwrap(e);
                throw new TributaryException("TRB-RUN001", "connector '" + c.name() + "' (" + c.type()
                        + ") did not start: " + cause, cause);
            }
        }
        List<String> addresses = new ArrayList<>();
        for (SubscriptionPlan plan : plans) {
            running.add(subscribe(plan.connector, plan.spec(), plan.orderedHandlers(), plan.batchSize, plan.batchWait));
            addresses.add(plan.template.subscribeAddress());
        }
        List<String> names = List.copyOf(connectors.all().keySet());
        LOG.log(Level.INFO, "TRB-RUN000 Tributary started: connectors " + names + ", " + plans.size()
                + " subscriptions " + addresses + ", executor " + pool.kind());
        return new TributaryStarted(names, List.copyOf(addresses));
    }

    /**
     * The object a handler method is invoked on. An application-scoped bean lives as long as the deployment,
     * so the runtime calls its contextual instance directly (Weld's instance is the intercepted and decorated
     * subclass: interceptors such as {@code @Transactional} still apply) and skips the client proxy's context
     * lookup per message. Other scopes go through the contextual reference.
     */
    private Object handlerInstance(Bean<?> bean) {
        if (bean.getScope() == jakarta.enterprise.context.ApplicationScoped.class
                && !config.getBoolean("tributary.handler.through-proxy")) {
            try {
                return beans.getContext(bean.getScope()).get(castBean(bean), beans.createCreationalContext(bean));
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "TRB-RUN014 calling " + bean.getBeanClass().getName() + " through its proxy: " + e);
            }
        }
        java.lang.reflect.Type type = bean.getTypes().contains(bean.getBeanClass()) ? bean.getBeanClass() : Object.class;
        return beans.getReference(bean, type, beans.createCreationalContext(bean));
    }

    @SuppressWarnings("unchecked")
    private static <T> Bean<T> castBean(Bean<?> bean) {
        return (Bean<T>) bean;
    }

    /**
     * Whether handlers run inside a CDI request context: {@code tributary.request-context} = {@code always},
     * {@code never}, or {@code auto} (default) = when the deployment has a {@code @RequestScoped} bean (a
     * request context nobody can use is pure cost on every message).
     */
    private boolean requestContextNeeded() {
        if (beans == null) {
            return false;
        }
        String mode = config.get("tributary.request-context").orElse("auto").toLowerCase(java.util.Locale.ROOT);
        boolean needed = switch (mode) {
            case "always" -> true;
            case "never" -> false;
            default -> deployed.anyWithScope(jakarta.enterprise.context.RequestScoped.class);
        };
        LOG.log(Level.DEBUG, () -> "TRB-RUN015 request context around handlers: " + needed + " (" + mode + ")");
        return needed;
    }

    private Running subscribe(Connector connector, SubscriptionSpec spec, Handler[] handlers) {
        return subscribe(connector, spec, handlers, 0, null);
    }

    private Running subscribe(Connector connector, SubscriptionSpec spec, Handler[] handlers, int batchSize,
            java.time.Duration batchWait) {
        MessageProcessor processor = new MessageProcessor(spec.channel(), spec.template(), spec.ackPolicy(), handlers,
                listeners);
        InboundDispatcher dispatcher = new InboundDispatcher(processor, spec.maxInFlight(), pool.executor());
        // a batch counts each member as it settles (BatchInbound), so its lane's delivery reports nothing itself
        dispatcher.lanes(spec.maxWorkers(), d -> new Lane(pool.executor(), pool.threadFactory(), processor, batchSize > 0 ? null : d,
                requestContext ? RequestScope.of(beans) : null));
        if (batchSize > 0) {
            dispatcher.batches(batchSize, batchWait, pool.scheduler());
        }
        Subscription s = connector.subscribe(spec, dispatcher);
        dispatcher.subscribed(s);
        return new Running(spec.channel(), connector.name(), dispatcher, s);
    }


    /** Stops consuming, drains in-flight messages (bounded by the shutdown timeout), closes connectors. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        // 1. stop fetching, 2. let in-flight handlers finish and settle (their acks still reach the broker),
        // 3. stop the subscriptions: what is still unsettled then is the broker's to redeliver
        for (Running r : running) {
            r.dispatcher().stopFeeding();
        }
        int left = 0;
        for (Running r : running) {
            try {
                if (!r.dispatcher().awaitDrained(deadline)) {
                    left += r.dispatcher().inFlight();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Running r : running) {
            stops.add(quietly(r.subscription()::detach)); // shutdown: keep broker-side subscriptions (persistent sessions)
        }
        awaitQuietly(CompletableFuture.allOf(stops.toArray(new CompletableFuture<?>[0])),
                Math.max(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(1)));
        if (left > 0) {
            int n = left;
            LOG.log(Level.WARNING, () -> "TRB-RUN011 " + n + " messages were still in flight after the graceful timeout of "
                    + shutdownTimeout.toMillis() + " ms; the broker redelivers them where it can");
        }
        running.clear();
        closeConnectors(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        pool.close();
        LOG.log(Level.INFO, "TRB-RUN009 Tributary stopped (drained" + (left > 0 ? " partially" : "") + ")");
    }

    void closeConnectors(Duration drain) {
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (Connector c : connectors.all().values()) {
            try {
                closes.add(c.close(drain).toCompletableFuture());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "TRB-RUN012 closing connector '" + c.name() + "' failed", e);
            }
        }
        awaitQuietly(CompletableFuture.allOf(closes.toArray(new CompletableFuture<?>[0])),
                System.nanoTime() + drain.toNanos() + TimeUnit.SECONDS.toNanos(1));
    }

    private static CompletableFuture<Void> stopQuietly(Subscription s) {
        return quietly(s::stop);
    }

    private static CompletableFuture<Void> quietly(java.util.function.Supplier<java.util.concurrent.CompletionStage<Void>> step) {
        try {
            return step.get().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private static void awaitQuietly(CompletableFuture<?> f, long deadline) {
        try {
            f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "TRB-RUN013 waiting during shutdown: " + e);
        }
    }

    // ---------------------------------------------------------------- dynamic subscriptions

    <T> DynamicSubscription subscribe(SubscribeOptions options, Class<T> bodyType, MessageHandler<T> handler) {
        Problems problems = new Problems();
        String where = "Subscriptions.subscribe(" + options.address() + ")";
        Running r;
        synchronized (this) {
            if (!started || stopped) {
                throw new TributaryException("TRB-RUN007", "dynamic subscriptions need a running Tributary (started: "
                        + started + ", stopped: " + stopped + ")");
            }
            String conn = connectors.resolve(where, options.address(), problems, options.connector());
            if (conn == null) {
                Problems.Problem p = problems.all().get(0);
                throw new TributaryException(p.code(), p.what() + "; fix: " + p.fix());
            }
            Connector c = connectors.get(conn);
            AddressTemplate template = AddressTemplate.parse(options.address(), c.addressSyntax());
            AckPolicy policy = options.ackPolicy() != null && options.ackPolicy() != AckPolicy.INHERIT ? options.ackPolicy()
                    : config.get(RuntimeConfig.CONNECTORS + conn + ".ack-policy")
                            .map(v -> AckPolicy.valueOf(v.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_')))
                            .orElse(c.defaultAckPolicy());
            Codec codec = options.codec() != null ? options.codec() : codecs.defaultCodec();
            Codec.Decoder<?> decoder = bodyType == null || bodyType == Void.class ? null : codecs.decoder(codec, bodyType);
            @SuppressWarnings("unchecked")
            MessageHandler<Object> h = (MessageHandler<Object>) handler;
            Invoker invoker = d -> {
                h.handle((Message<Object>) d);
                return null;
            };
            Handler target = new Handler(handler.getClass(), null, decoder, null, planner.connectorMiddlewares(conn), null,
                    invoker);
            SubscriptionSpec spec = new SubscriptionSpec(options.address(), template, policy,
                    Math.max(1, options.maxWorkers()),
                    options.maxInFlight() > 0 ? options.maxInFlight() : DeploymentPlanner.DEFAULT_MAX_IN_FLIGHT,
                    options.connectorOptions(), List.of());
            r = subscribe(c, spec, new Handler[] {target});
            running.add(r);
        }
        return new Dynamic(r, template(r));
    }

    private static String template(Running r) {
        return r.channel();
    }

    private final class Dynamic implements DynamicSubscription {
        private final Running running;
        private final String address;
        private volatile boolean active = true;

        Dynamic(Running running, String address) {
            this.running = running;
            this.address = address;
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public boolean isActive() {
            return active && !running.dispatcher().isDown();
        }

        @Override
        public void close() {
            if (!active) {
                return;
            }
            active = false;
            long deadline = System.nanoTime() + shutdownTimeout.toNanos();
            running.dispatcher().stopFeeding();
            try {
                running.dispatcher().awaitDrained(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            awaitQuietly(stopQuietly(running.subscription()), Math.max(deadline, System.nanoTime()
                    + TimeUnit.SECONDS.toNanos(1)));
            TributaryRuntime.this.running.remove(running);
        }
    }

    // ---------------------------------------------------------------- health

    Map<String, Health> health() {
        Map<String, Health> out = new LinkedHashMap<>();
        connectors.all().forEach((name, c) -> {
            try {
                out.put(name, c.health());
            } catch (RuntimeException e) {
                out.put(name, Health.down("health check failed: " + e));
            }
        });
        return out;
    }

    List<String> downSubscriptions() {
        List<String> out = new ArrayList<>();
        for (Running r : running) {
            if (r.dispatcher().isDown()) {
                out.add(r.channel());
            }
        }
        return out;
    }

    /** Test and diagnostics access to the running subscriptions. */
    List<Running> running() {
        return running;
    }
}
