package dev.tributary.kafka;

import dev.tributary.spi.AddressSyntax;
import dev.tributary.spi.CorrelationIdPolicy;
import dev.tributary.spi.Capability;
import dev.tributary.spi.Connector;
import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.DestinationSpec;
import dev.tributary.spi.Health;
import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.InboundSink;
import dev.tributary.spi.OutboundMessage;
import dev.tributary.spi.Sender;
import dev.tributary.spi.Subscription;
import dev.tributary.spi.SubscriptionSpec;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A connection to one Kafka cluster: one shared producer (every sender, dead-lettering and requests), one admin
 * client (health probe, reply topic), and one consumer with its own poll thread per subscription
 * ({@link KafkaSubscription}). Settings: {@link KafkaConfig}. Thread-safe.
 *
 * <ul>
 * <li>Addresses are topics ({@link AddressSyntax#KAFKA}): no wildcards; an address with {@code {param}} levels
 *     becomes a regex subscription, and {@code pattern=true} takes the address as a regex.</li>
 * <li>Health: up while the cluster answers the periodic probe ({@code health.interval}); the detail names the
 *     subscriptions and their assigned partitions.</li>
 * <li>Close: stops subscriptions (each commits what was processed), fails waiting requests, flushes the producer
 *     (up to the drain time) and closes the clients.</li>
 * </ul>
 */
final class KafkaConnector implements Connector {

    private static final System.Logger LOG = System.getLogger(KafkaConnector.class.getName());
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(Capability.HEADERS,
            Capability.NACK_REDELIVERY, Capability.REDELIVERY_AFTER_RESTART, Capability.REQUEST_REPLY,
            Capability.PATH_TEMPLATES, Capability.ORDERING_KEY, Capability.PAUSE));

    private enum State { NEW, STARTING, STARTED, CLOSED }

    /** Channel (destination) option: {@code auto}, {@code always} or {@code omit} the {@code correlation_id} header. */
    static final String CORRELATION_ID_OPTION = KafkaConfig.CORRELATION_ID;

    private final ConnectorContext context;
    private final KafkaConfig config;
    /** One sender per correlation-id mode; {@link #sender} is the connector's default one. */
    private final Map<CorrelationIdPolicy, KafkaSender> senders = new EnumMap<>(CorrelationIdPolicy.class);
    private final KafkaSender sender;
    private final Set<KafkaSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile State state = State.NEW;
    private volatile Producer<byte[], byte[]> producer;
    private volatile Admin admin;
    private volatile KafkaRequests requests;
    private volatile ScheduledFuture<?> probe;
    private volatile String clusterProblem = "not probed yet";
    private CompletableFuture<Void> started;

    /**
     * A thread for one of the connector's long-running loops, from the runtime's factory (the container's
     * ManagedThreadFactory inside a server), named for thread dumps; not started.
     */
    Thread loopThread(Runnable loop, String name) {
        Thread t = context.threadFactory().newThread(loop);
        t.setName(name);
        t.setDaemon(true);
        return t;
    }

    KafkaConnector(ConnectorContext context, KafkaConfig config) {
        this.context = context;
        this.config = config;
        for (CorrelationIdPolicy mode : CorrelationIdPolicy.values()) {
            senders.put(mode, new KafkaSender(this, mode));
        }
        this.sender = senders.get(config.correlationId());
    }

    @Override
    public String name() {
        return context.name();
    }

    @Override
    public String type() {
        return KafkaConnectorProvider.TYPE;
    }

    KafkaConfig config() {
        return config;
    }

    ScheduledExecutorService scheduler() {
        return context.scheduler();
    }

    java.util.concurrent.Executor executor() {
        return context.executor();
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public AddressSyntax addressSyntax() {
        return AddressSyntax.KAFKA;
    }

    @Override
    public Set<Class<?>> metadataTypes() {
        return Set.of(KafkaMetadata.class);
    }

    @Override
    public synchronized CompletionStage<Void> start() {
        if (state == State.CLOSED) {
            return CompletableFuture.failedStage(KafkaErrors.closed(name()));
        }
        if (started != null) {
            return started;
        }
        started = new CompletableFuture<>();
        state = State.STARTING;
        try {
            producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
            Map<String, Object> a = new LinkedHashMap<>(config.commonClientProperties());
            a.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "tributary-" + name() + "-admin");
            admin = Admin.create(a);
        } catch (RuntimeException e) {
            started.completeExceptionally(KafkaErrors.clientConfigRefused(name(), "producer or admin", e));
            return started;
        }
        CompletableFuture<Void> done = started;
        int timeout = (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
        admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeout)).nodes().whenComplete((nodes, failure) -> {
            if (failure != null) {
                clusterProblem = KafkaErrors.describe(failure);
                done.completeExceptionally(KafkaErrors.cannotConnect(name(), config.bootstrapServers(), failure));
                return;
            }
            clusterProblem = null;
            synchronized (this) {
                if (state == State.STARTING) {
                    state = State.STARTED;
                }
            }
            long every = config.healthInterval().toMillis();
            probe = context.scheduler().scheduleWithFixedDelay(this::probeCluster, every, every, TimeUnit.MILLISECONDS);
            done.complete(null);
        });
        return started;
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> p = new LinkedHashMap<>(config.commonClientProperties());
        p.putAll(config.producerProperties());
        long timeout = config.publishTimeout().toMillis();
        p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout));
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout));
        long delivery = Long.parseLong(p.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG).toString().trim());
        long linger = Long.parseLong(p.getOrDefault(ProducerConfig.LINGER_MS_CONFIG, "5").toString().trim());
        if (!p.containsKey(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)) {
            // kafka-clients demands delivery.timeout.ms >= linger.ms + request.timeout.ms
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(1, Math.min(30_000, delivery - linger))));
        }
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "tributary-" + name() + "-producer");
        return p;
    }

    /** Health probe (scheduler thread; non-blocking): asks the cluster to describe itself. */
    private void probeCluster() {
        Admin a = admin;
        if (a == null || state == State.CLOSED || !probing.compareAndSet(false, true)) {
            return;
        }
        try {
            int timeout = (int) Math.max(500, Math.min(Integer.MAX_VALUE, config.healthInterval().toMillis()));
            a.describeCluster(new DescribeClusterOptions().timeoutMs(timeout)).nodes().whenComplete((nodes, failure) -> {
                probing.set(false);
                if (failure != null || nodes == null || nodes.isEmpty()) {
                    String problem = failure == null ? "no broker in the cluster" : KafkaErrors.describe(failure);
                    if (clusterProblem == null) {
                        LOG.log(Level.WARNING, KafkaErrors.healthProbeFailed(name(), failure));
                    }
                    clusterProblem = problem;
                } else {
                    clusterProblem = null;
                }
            });
        } catch (RuntimeException e) {
            probing.set(false);
            clusterProblem = KafkaErrors.describe(e);
        }
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, InboundSink sink) {
        if (state == State.CLOSED) {
            throw KafkaErrors.closed(name());
        }
        KafkaConsumerPlan plan = KafkaConsumerPlan.of(spec, config, name(), sequence.incrementAndGet());
        KafkaConsumer<byte[], byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(plan.properties());
        } catch (org.apache.kafka.common.KafkaException e) {
            throw KafkaErrors.clientConfigRefused(name(), "consumer (subscription '" + spec.channel() + "')", e);
        }
        KafkaSubscription s = new KafkaSubscription(this, spec, sink, plan, consumer);
        subscriptions.add(s);
        s.start();
        return s;
    }

    void forget(KafkaSubscription s) {
        subscriptions.remove(s);
    }

    /**
     * The sender of the connector's {@value #CORRELATION_ID_OPTION} mode, or of the channel's own option when it
     * has one; an invalid option fails with {@code TRB-KAF006}.
     */
    @Override
    public Sender sender(DestinationSpec spec) {
        String option = spec == null ? null : spec.options().get(CORRELATION_ID_OPTION);
        if (option == null || option.isBlank()) {
            return sender;
        }
        return senders.get(CorrelationIdPolicy.parse(option, config.correlationId(),
                expected -> KafkaErrors.invalidOption(spec.channel(), CORRELATION_ID_OPTION, option, expected)));
    }

    KafkaSender sender() {
        return sender;
    }

    Producer<byte[], byte[]> producer() {
        Producer<byte[], byte[]> p = producer;
        if (state == State.CLOSED) {
            throw KafkaErrors.closed(name());
        }
        if (p == null) {
            throw KafkaErrors.cannotConnect(name(), config.bootstrapServers(),
                    new IllegalStateException("the connector is not started"));
        }
        return p;
    }

    Admin admin() {
        Admin a = admin;
        if (a == null) {
            throw KafkaErrors.closed(name());
        }
        return a;
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    /** Produces a rejected record to the subscription's dead-letter topic, with headers naming where it came from. */
    CompletionStage<Void> deadLetter(KafkaSubscription s, KafkaDelivery d) {
        var r = d.record;
        RecordHeaders headers = new RecordHeaders(r.headers().toArray());
        headers.add("dlq-reason", "rejected by subscription '".concat(s.channel()).concat("'").getBytes(StandardCharsets.UTF_8));
        headers.add("dlq-topic", r.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dlq-partition", Integer.toString(r.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dlq-offset", Long.toString(r.offset()).getBytes(StandardCharsets.UTF_8));
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(s.deadLetter(), null, r.key(), r.value(), headers);
        return sender.send(out).exceptionally(t -> {
            LOG.log(Level.WARNING, KafkaErrors.deadLetterFailed(s.channel(), r.topic() + "-" + r.partition() + "@"
                    + r.offset(), s.deadLetter()) + ": " + KafkaErrors.describe(t));
            return null;
        });
    }

    @Override
    public CompletionStage<InboundMessage> request(OutboundMessage request, Duration timeout) {
        if (state == State.CLOSED) {
            return CompletableFuture.failedStage(KafkaErrors.closed(name()));
        }
        KafkaRequests r = requests;
        if (r == null || r.failed()) {
            synchronized (this) {
                r = requests;
                if (r == null || r.failed()) { // a reply topic that could not be prepared is tried again
                    r = new KafkaRequests(this);
                    requests = r;
                }
            }
        }
        return r.request(request, timeout);
    }

    @Override
    public Health health() {
        return switch (state) {
            case NEW, STARTING -> Health.down("kafka connector '" + name() + "' not started");
            case CLOSED -> Health.down("kafka connector '" + name() + "' closed");
            case STARTED -> {
                String problem = clusterProblem;
                if (problem != null) {
                    yield Health.down("TRB-KAF024 kafka cluster at " + config.bootstrapServers() + " unreachable: "
                            + problem);
                }
                int subs = 0;
                int partitions = 0;
                for (KafkaSubscription s : subscriptions) {
                    subs++;
                    partitions += s.assignedPartitions();
                }
                yield Health.up("kafka at " + config.bootstrapServers() + ", " + subs + " subscriptions, " + partitions
                        + " partitions assigned");
            }
        };
    }

    @Override
    public CompletionStage<Void> close(Duration drain) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return KafkaDelivery.DONE;
            }
            state = State.CLOSED;
        }
        ScheduledFuture<?> p = probe;
        if (p != null) {
            p.cancel(false);
        }
        List<CompletableFuture<Void>> stops = new java.util.ArrayList<>();
        for (KafkaSubscription s : List.copyOf(subscriptions)) {
            stops.add(s.stop().toCompletableFuture());
        }
        long deadline = System.nanoTime() + (drain == null ? 0 : drain.toNanos());
        try {
            CompletableFuture.allOf(stops.toArray(new CompletableFuture<?>[0]))
                    .get(Math.max(5_000, drain == null ? 0 : drain.toMillis()), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.log(Level.DEBUG, () -> "kafka subscriptions of '" + name() + "' did not stop in time: " + e);
        }
        KafkaRequests r = requests;
        if (r != null) {
            r.close();
        }
        Producer<byte[], byte[]> prod = producer;
        if (prod != null) {
            // at least a moment to flush what is buffered: close(0) would drop it
            long left = Math.max(TimeUnit.SECONDS.toNanos(1), deadline - System.nanoTime());
            try {
                prod.close(Duration.ofNanos(left));
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "closing the producer of '" + name() + "': " + e);
            }
        }
        Admin a = admin;
        if (a != null) {
            try {
                a.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "closing the admin client of '" + name() + "': " + e);
            }
        }
        return KafkaDelivery.DONE;
    }

    @Override
    public String toString() {
        return "KafkaConnector[" + name() + ", " + config.bootstrapServers() + ", " + state + "]";
    }
}
