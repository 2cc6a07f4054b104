package dev.tributary.memory;

import dev.tributary.TributaryException;
import dev.tributary.spi.AddressSyntax;
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
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The in-memory connector: a full broker inside the JVM, used as the embedded default and, by
 * {@code dev.tributary.memory.testing}, as the stand-in for real brokers in tests. Settings:
 * {@link MemoryConfig}.
 *
 * <ul>
 * <li>Publish: the message goes to every subscription whose address matches in the configured
 *     {@link AddressSyntax}; subscriptions of one consumer group share a queue (one of them gets each
 *     message). {@link Sender#send} completes when the message is queued. An address with wildcards or
 *     an unfilled {@code {param}} is refused ({@code TRB-MEM001}).</li>
 * <li>Delivery: on the publishing thread while the subscription is not paused; queued otherwise and
 *     delivered on the thread that resumes it. One thread at a time per queue, in publish order.</li>
 * <li>Settlement: ack forgets; nack redelivers ahead of newer messages with the redelivery count + 1;
 *     reject drops or republishes to the dead-letter address; unsettled messages of a stopped
 *     subscription go back to its group's queue.</li>
 * <li>Request/reply: a unique reply address {@code _reply<sep><uuid>} per request; any message published
 *     there completes it; timeout through the runtime's scheduler.</li>
 * </ul>
 *
 * <p>Test support: started connectors are listed by {@link #running()} (they register in {@link #start()}
 * and leave in {@link #close}); {@link #publishAndAwait} and {@link #invocationFinished} let the test
 * broker wait until handlers are done. Applications do not need them. All methods are thread-safe.
 */
public final class MemoryConnector implements Connector {

    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(Capability.HEADERS,
            Capability.NACK_REDELIVERY, Capability.REDELIVERY_AFTER_RESTART, Capability.REQUEST_REPLY,
            Capability.WILDCARDS, Capability.PATH_TEMPLATES, Capability.ORDERING_KEY, Capability.PAUSE));

    /** Started, not yet closed connectors, in start order (see {@link #running()}). */
    private static final List<MemoryConnector> RUNNING = new CopyOnWriteArrayList<>();

    private enum State { NEW, STARTED, CLOSED }

    private final ConnectorContext context;
    private final MemoryConfig config;
    private final MemoryBroker broker;
    private final MemorySender sender = new MemorySender(this);
    private final Set<MemorySubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile State state = State.NEW;

    MemoryConnector(ConnectorContext context, MemoryConfig config) {
        this.context = context;
        this.config = config;
        this.broker = MemoryBroker.forConnector(context.name(), config);
        if (config.testMode()) {
            broker.tracking = true;
        }
    }

    @Override
    public String name() {
        return context.name();
    }

    @Override
    public String type() {
        return MemoryConnectorProvider.TYPE;
    }

    /** The settings this connector runs with. */
    public MemoryConfig config() {
        return config;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public AddressSyntax addressSyntax() {
        return config.syntax();
    }

    @Override
    public Set<Class<?>> metadataTypes() {
        return Set.of(MemoryMetadata.class);
    }

    @Override
    public CompletionStage<Void> start() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return CompletableFuture.failedStage(MemoryErrors.closed(name()));
            }
            if (state == State.NEW) {
                state = State.STARTED;
                RUNNING.add(this);
            }
        }
        return MemoryDelivery.DONE;
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, InboundSink sink) {
        if (state == State.CLOSED) {
            throw MemoryErrors.closed(name());
        }
        MemoryOptions options = spec.annotation(MemoryOptions.class);
        String group = option(spec, MemoryConfig.GROUP, options == null ? null : options.group(), config.group());
        String deadLetter = option(spec, MemoryConfig.DEAD_LETTER, options == null ? null : options.deadLetter(),
                config.deadLetter());
        MemoryQueue queue = broker.queueFor(spec.template(), group);
        MemorySubscription s = new MemorySubscription(this, queue, sink, spec, deadLetter);
        subscriptions.add(s);
        queue.add(s);
        queue.wake(); // a group queue may hold messages published while nobody was subscribed
        return s;
    }

    private static String option(SubscriptionSpec spec, String key, String annotated, String fallback) {
        String v = spec.options().get(key);
        if (v != null && !v.isBlank()) {
            return v.trim();
        }
        if (annotated != null && !annotated.isBlank()) {
            return annotated.trim();
        }
        return fallback;
    }

    @Override
    public Sender sender(DestinationSpec spec) {
        return sender;
    }

    void publish(OutboundMessage message) {
        if (state == State.CLOSED) {
            throw MemoryErrors.closed(name());
        }
        broker.publish(message);
    }

    /**
     * Publishes with flow control: the stage is complete at once unless a target queue holds more than
     * {@code max-queued} messages; then it completes when that queue drained to half, or fails with
     * {@code TRB-MEM014} after {@code publish.timeout}.
     */
    java.util.concurrent.CompletionStage<Void> send(OutboundMessage message) {
        if (state == State.CLOSED) {
            throw MemoryErrors.closed(name());
        }
        MemoryConfig c = config();
        MemoryQueue full = broker.publish(message, c.maxQueued());
        if (full == null) {
            return MemoryDelivery.DONE;
        }
        long timeout = c.publishTimeout().toMillis();
        return full.awaitRoom(c.maxQueued()).orTimeout(timeout, java.util.concurrent.TimeUnit.MILLISECONDS)
                .exceptionallyCompose(t -> java.util.concurrent.CompletableFuture.failedStage(
                        MemoryErrors.queueFull(name(), message.address(), timeout)));
    }

    @Override
    public CompletionStage<InboundMessage> request(OutboundMessage request, Duration timeout) {
        if (state == State.CLOSED) {
            return CompletableFuture.failedStage(MemoryErrors.closed(name()));
        }
        Duration wait = timeout == null || timeout.isZero() || timeout.isNegative() ? config.requestTimeout() : timeout;
        String correlationId = request.correlationId() != null ? request.correlationId() : UUID.randomUUID().toString();
        boolean generated = request.replyTo() == null;
        String replyTo = generated ? "_reply" + config.syntax().separator() + UUID.randomUUID() : request.replyTo();
        CompletableFuture<InboundMessage> reply = broker.requests.register(replyTo, correlationId, generated,
                request.address(), wait, context.scheduler());
        if (reply.isDone()) {
            return reply;
        }
        try {
            publish(new OutboundMessage(request.address(), request.body(), request.contentType(), correlationId,
                    replyTo, request.messageId(), request.key(), request.headers(), request.options()));
        } catch (TributaryException e) {
            broker.requests.fail(correlationId, e);
        }
        return reply;
    }

    @Override
    public Health health() {
        return switch (state) {
            case NEW -> Health.down("memory connector '" + name() + "' not started");
            case STARTED -> broker.available()
                    ? Health.up("in-memory broker, " + config.syntax().name() + " addresses")
                    : Health.down("TRB-MEM013 in-memory broker '" + broker.name + "' is unavailable (simulated outage)");
            case CLOSED -> Health.down("memory connector '" + name() + "' closed");
        };
    }

    @Override
    public CompletionStage<Void> close(Duration drain) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return MemoryDelivery.DONE;
            }
            state = State.CLOSED;
        }
        for (MemorySubscription s : subscriptions) {
            s.stop();
        }
        broker.requests.failAll(address -> MemoryErrors.requestAbandoned(name(), address));
        RUNNING.remove(this);
        return MemoryDelivery.DONE;
    }

    void forget(MemorySubscription s) {
        subscriptions.remove(s);
    }

    void deadLetter(MemoryDelivery d, String address) {
        try {
            broker.publish(d.record.toOutbound(address));
        } catch (RuntimeException e) {
            System.getLogger(MemoryConnector.class.getName()).log(System.Logger.Level.WARNING,
                    "TRB-MEM011 could not dead-letter a rejected message from '" + d.address() + "' to '" + address
                    + "'; it is dropped", e);
        }
    }

    MemoryBroker broker() {
        return broker;
    }

    // ---- test support

    /**
     * The memory connectors started and not yet closed in this JVM, in start order. The test broker uses
     * this to find the connectors the runtime created; a connector registers in {@link #start()} and
     * leaves in {@link #close}.
     */
    public static List<MemoryConnector> running() {
        return List.copyOf(RUNNING);
    }

    /**
     * Simulates an outage of the shared in-memory broker with this name (the {@code broker} setting): until
     * {@link #endOutage} every memory connector on it reports {@link Health#down}, and publishes and requests
     * fail with {@code TRB-MEM013}. Queued and unsettled messages are kept; subscriptions stay open and
     * consume again when the outage ends. The connector TCK uses it to stop and restart "the broker".
     * Connectors with a private broker are not affected.
     */
    public static void simulateOutage(String broker) {
        MemoryBroker.setAvailable(broker, false);
    }

    /** Ends a simulated outage started by {@link #simulateOutage}; does nothing when there is none. */
    public static void endOutage(String broker) {
        MemoryBroker.setAvailable(broker, true);
    }

    /** Whether a publish to this concrete address would reach at least one subscription now. */
    public boolean routes(String address) {
        return broker.routes(address);
    }

    /**
     * Publishes and blocks until the handlers are done: every copy of this message and of everything
     * published meanwhile through this connector's broker is settled (and, in test mode, its handler
     * invocation reported through {@link #invocationFinished}). Without test mode it only waits for
     * settlement of what is tracked, which is nothing: use it in test mode.
     *
     * @throws TributaryException {@code TRB-MEM007} when the handlers did not finish in time, or the
     *         publish error ({@code TRB-MEM001}, …)
     */
    public void publishAndAwait(OutboundMessage message, Duration timeout) {
        publish(message);
        awaitIdle(timeout);
    }

    /** Whether every tracked delivery is finished now (test mode; always true otherwise). */
    public boolean isIdle() {
        return broker.isIdle();
    }

    /** Blocks until every tracked delivery is finished (see {@link #publishAndAwait}). */
    public void awaitIdle(Duration timeout) {
        String busy;
        try {
            busy = broker.awaitIdle(timeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MemoryErrors.interrupted(name(), e);
        }
        if (!busy.isEmpty()) {
            throw MemoryErrors.notQuiet(name(), timeout.toMillis(), busy);
        }
    }

    /**
     * Tells the connector that the runtime finished invoking a handler for this message (called by the
     * test broker's {@code InvocationListener}). Ignores messages of other connectors.
     */
    public static void invocationFinished(InboundMessage message) {
        if (message instanceof MemoryDelivery d) {
            d.invoked = true;
            if (d.queue != null && d.queue.broker.tracking) {
                d.queue.broker.signal();
            }
        }
    }

    @Override
    public String toString() {
        return "MemoryConnector[" + name() + ", " + config.syntax().name() + ", " + state + "]";
    }
}
