package dev.tributary.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.tributary.AckPolicy;
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
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connection to an MQTT broker (3.1.1 or 5.0) through the HiveMQ MQTT client. Settings: {@link MqttConfig}.
 *
 * <ul>
 * <li>Subscribe: the address is a topic filter ({@code +}, {@code #}; {@code {param}} levels become {@code +}),
 *     at the QoS of {@link MqttOptions}/channel option {@code qos} (default: the connector's), optionally shared
 *     ({@code $share/<group>/…}). Messages reach the sink on the client's event loop; see {@link MqttSubscription}
 *     for pause and what bounds memory.</li>
 * <li>Settle: manual acknowledgement (except under {@code ACK_FIRST}, where the client acknowledges on receipt);
 *     ack and reject send PUBACK/PUBREC, nack withholds it so the broker redelivers
 *     when a persistent session resumes (stable {@code client-id}, {@code clean-start=false}, on 5.0
 *     {@code session-expiry} above 0). Messages the broker redelivers right after a resumed session's CONNACK,
 *     before the application subscribed again, are held and handed to the first subscription that matches.</li>
 * <li>Publish: {@link MqttSender}. Request/reply: {@link MqttRequests}. Reconnect: {@link MqttReconnect}.</li>
 * </ul>
 *
 * <p>The HiveMQ client is reachable through {@link #client()} for anything this connector does not wrap. All
 * methods are thread-safe.
 */
public final class MqttConnector implements Connector {

    private static final System.Logger LOG = System.getLogger(MqttConnector.class.getName());

    /** Subscription option: QoS 0, 1 or 2. */
    public static final String OPTION_QOS = "qos";
    /** Subscription option: shared-subscription group. */
    public static final String OPTION_SHARED = "shared";
    /** Subscription option (5.0): do not receive this connection's own publishes. */
    public static final String OPTION_NO_LOCAL = "no-local";

    private enum State { NEW, STARTING, STARTED, CLOSED }

    private final ConnectorContext context;
    private final MqttConfig config;
    private final MqttLink link;
    private final MqttReconnect reconnect;
    private final MqttRequests requests;
    private final Set<Capability> capabilities;
    private final List<MqttSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final UnclaimedMessages unclaimed;
    private final MqttSender defaultSender;
    private final PublishDeadlines deadlines;
    private volatile State state = State.NEW;
    private volatile TributaryException failure;
    private CompletableFuture<Void> started;

    MqttConnector(ConnectorContext context, MqttConfig config) {
        this.context = context;
        this.config = config;
        this.reconnect = new MqttReconnect(this, config.reconnect());
        MqttClientTransportConfig transport = MqttTransport.of(context.name(), config);
        this.link = config.isV5() ? new Mqtt5Link(context.name(), config, transport, reconnect, reconnect)
                : new Mqtt3Link(context.name(), config, transport, reconnect, reconnect);
        this.unclaimed = new UnclaimedMessages(context.name(), Math.max(1_000, config.connectTimeout().toMillis() * 3),
                context.scheduler());
        this.link.remaining(this::onUnclaimed);
        this.requests = new MqttRequests(this);
        this.defaultSender = new MqttSender(this, null);
        this.deadlines = new PublishDeadlines(context.scheduler(), config.publishTimeout().toMillis());
        EnumSet<Capability> caps = EnumSet.of(Capability.WILDCARDS, Capability.PATH_TEMPLATES, Capability.PAUSE);
        if (config.isV5()) {
            caps.add(Capability.HEADERS);
            caps.add(Capability.REQUEST_REPLY);
        }
        this.capabilities = Collections.unmodifiableSet(caps);
    }

    @Override
    public String name() {
        return context.name();
    }

    @Override
    public String type() {
        return MqttConnectorProvider.TYPE;
    }

    /** The settings this connector runs with. */
    public MqttConfig config() {
        return config;
    }

    /** The HiveMQ client: an {@link Mqtt5Client} or an {@link Mqtt3Client}, per {@code version}. */
    public MqttClient client() {
        return link.client();
    }

    /** The HiveMQ 5.0 client, when {@code version} is 5.0. */
    public Optional<Mqtt5Client> mqtt5Client() {
        return link.client() instanceof Mqtt5Client c ? Optional.of(c) : Optional.empty();
    }

    /** The HiveMQ 3.1.1 client, when {@code version} is 3.1.1. */
    public Optional<Mqtt3Client> mqtt3Client() {
        return link.client() instanceof Mqtt3Client c ? Optional.of(c) : Optional.empty();
    }

    /**
     * Honest per version: 5.0 carries headers (User Properties) and does request/reply (Response Topic +
     * Correlation Data); 3.1.1 does neither. Neither claims nack redelivery: MQTT redelivers an unacknowledged
     * message only when a persistent session resumes on a new connection, not on the running one.
     */
    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public AddressSyntax addressSyntax() {
        return AddressSyntax.MQTT;
    }

    @Override
    public Set<Class<?>> metadataTypes() {
        return Set.of(MqttMetadata.class);
    }

    @Override
    public synchronized CompletionStage<Void> start() {
        if (state == State.CLOSED) {
            return CompletableFuture.failedFuture(MqttErrors.closed(name()));
        }
        if (started != null) {
            return started;
        }
        state = State.STARTING;
        long timeout = config.connectTimeout().toMillis() + 1000;
        started = link.connect().orTimeout(timeout, TimeUnit.MILLISECONDS).handle((sessionPresent, t) -> {
            if (t != null) {
                Throwable cause = unwrap(t);
                String refused = MqttReconnect.refusal(cause);
                TributaryException e = refused != null ? MqttErrors.notAuthorized(name(), where(), refused, cause)
                        : MqttErrors.connectFailed(name(), where(), cause);
                failure = e;
                link.disconnect(); // stop any attempt still running in the client
                throw e;
            }
            synchronized (this) {
                if (state == State.STARTING) {
                    state = State.STARTED;
                }
            }
            LOG.log(Level.DEBUG, () -> "TRB-MQT025 MQTT connector '" + name() + "' connected to " + where()
                    + " as '" + config.clientId() + "' (session present: " + sessionPresent + ")");
            return null;
        });
        return started;
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, InboundSink sink) {
        checkOpen();
        MqttOptions ann = spec.annotation(MqttOptions.class);
        Map<String, String> opts = spec.options();
        String where = "subscription '" + spec.channel() + "'";
        int qos = opts.containsKey(OPTION_QOS) ? MqttSender.qos(where, opts.get(OPTION_QOS))
                : ann != null && ann.qos() >= 0 ? MqttSender.qos(where, ann.qos()) : config.qos();
        String shared = opts.containsKey(OPTION_SHARED) ? opts.get(OPTION_SHARED) : ann != null ? ann.shared() : "";
        boolean noLocal = opts.containsKey(OPTION_NO_LOCAL) ? MqttSender.bool(where, OPTION_NO_LOCAL, opts.get(OPTION_NO_LOCAL))
                : ann != null && ann.noLocal();
        String filter = spec.address();
        if (shared != null && !shared.isBlank()) {
            filter = MqttTopics.shared(shared.trim(), filter);
        }
        // ACK_FIRST (at-most-once) acknowledges on receipt anyway: let the client do it on its event loop, saving a
        // hand-back from the runtime's worker per message (the SPI allows broker-side auto-acknowledgement for it)
        boolean clientAcks = spec.ackPolicy() == AckPolicy.ACK_FIRST;
        MqttSubscription s = new MqttSubscription(this, filter, qos, sink, config.receiveMaximum(), clientAcks);
        subscriptions.add(s);
        unclaimed.claim(filter).forEach(s::onPublish);
        CompletableFuture<Void> acked = link.subscribe(filter, qos, noLocal && config.isV5(), !clientAcks, true,
                s::onPublish);
        if (!link.connected()) {
            // reconnecting: the client subscribes once the connection is back
            String f = filter;
            acked.whenComplete((v, t) -> {
                if (t != null) {
                    subscriptions.remove(s);
                    sink.onFailure(coded(unwrap(t), e -> MqttErrors.subscribeRefused(name(), f, MqttErrors.describe(e))));
                }
            });
            return s;
        }
        try {
            acked.get(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return s;
        } catch (TimeoutException e) {
            subscriptions.remove(s);
            throw MqttErrors.subscribeTimeout(name(), filter, config.connectTimeout().toMillis());
        } catch (ExecutionException e) {
            subscriptions.remove(s);
            String f = filter;
            throw coded(unwrap(e), t -> MqttErrors.subscribeRefused(name(), f, MqttErrors.describe(t)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            subscriptions.remove(s);
            throw MqttErrors.subscribeTimeout(name(), filter, 0);
        }
    }

    /** A message no subscription flow claimed: a resumed session's redelivery, or one that raced a subscribe. */
    private void onUnclaimed(MqttInbound m) {
        for (MqttSubscription s : subscriptions) {
            if (!s.isStopped() && MqttTopics.matches(s.filter, m.address())) {
                s.onPublish(m);
                return;
            }
        }
        unclaimed.add(m);
        // a subscription may have been added meanwhile: let it take what is now waiting
        for (MqttSubscription s : subscriptions) {
            if (!s.isStopped()) {
                unclaimed.claim(s.filter).forEach(s::onPublish);
            }
        }
    }

    /** Stops a subscription at the broker, unless another live subscription uses the same filter. */
    /** Forgets a stopped subscription; {@code atBroker}: also UNSUBSCRIBE its filter unless another one keeps it. */
    CompletionStage<Void> unsubscribe(MqttSubscription s, boolean atBroker) {
        subscriptions.remove(s);
        for (MqttSubscription other : subscriptions) {
            if (other.filter.equals(s.filter) && !other.isStopped()) {
                // the broker subscription stays for the other one, and the client acknowledges a message only
                // once every subscription of its filter did: the stopped one must keep acknowledging
                s.acknowledgeWhileStopped();
                return CompletableFuture.completedFuture(null);
            }
        }
        if (!atBroker || state == State.CLOSED || !link.connected()) {
            return CompletableFuture.completedFuture(null);
        }
        return link.unsubscribe(s.filter).orTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(t -> null); // best effort: a later session without the subscription is fine
    }

    @Override
    public Sender sender(DestinationSpec spec) {
        return spec == null ? defaultSender : new MqttSender(this, spec);
    }

    /** Publishes with the publish timeout ({@link PublishDeadlines}); fails with a coded error. */
    CompletableFuture<Void> publish(MqttLink.MqttOutgoing m) {
        if (state == State.CLOSED || state == State.NEW) {
            return CompletableFuture.failedFuture(MqttErrors.closed(name()));
        }
        CompletableFuture<Void> sent;
        try {
            sent = link.publish(m);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(coded(e, t -> MqttErrors.publishFailed(name(), m.topic(), t)));
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        sent.whenComplete((v, t) -> {
            if (t == null) {
                result.complete(null);
                return;
            }
            Throwable cause = unwrap(t);
            if (cause instanceof com.hivemq.client.mqtt.exceptions.MqttClientStateException) {
                result.completeExceptionally(MqttErrors.notConnected(name(), m.topic(), where(), cause));
            } else {
                result.completeExceptionally(coded(cause, c -> MqttErrors.publishFailed(name(), m.topic(), c)));
            }
        });
        deadlines.track(result, () -> MqttErrors.publishTimeout(name(), m.topic(), m.qos(), config.publishTimeout().toMillis()));
        return result;
    }

    @Override
    public CompletionStage<InboundMessage> request(OutboundMessage request, Duration timeout) {
        if (state == State.CLOSED) {
            return CompletableFuture.failedFuture(MqttErrors.closed(name()));
        }
        Duration wait = timeout == null || timeout.isZero() || timeout.isNegative() ? config.requestTimeout() : timeout;
        return requests.request(request, wait, defaultSender);
    }

    @Override
    public Health health() {
        TributaryException f = failure;
        return switch (state) {
            case NEW -> Health.down("MQTT connector '" + name() + "' not started");
            case CLOSED -> Health.down("MQTT connector '" + name() + "' closed");
            default -> {
                if (f != null) {
                    yield Health.down(f.getMessage());
                }
                if (link.connected()) {
                    yield Health.up("connected to " + where() + " as '" + config.clientId() + "'");
                }
                yield Health.down("TRB-MQT018 not connected to " + where() + " ("
                        + MqttErrors.describe(reconnect.lastCause()) + "); " + (reconnect.everConnected()
                        ? "reconnecting, attempt " + reconnect.attempts() : "connecting"));
            }
        };
    }

    @Override
    public CompletionStage<Void> close(Duration drain) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return CompletableFuture.completedFuture(null);
            }
            state = State.CLOSED;
        }
        for (MqttSubscription s : subscriptions) {
            s.stop();
        }
        requests.failAll(address -> MqttErrors.requestAbandoned(name(), address));
        long wait = drain == null ? 1000 : Math.max(100, drain.toMillis());
        // the session (with unacknowledged messages) stays with the broker when it is persistent
        return link.disconnect().orTimeout(wait, TimeUnit.MILLISECONDS).exceptionally(t -> null)
                .whenComplete((v, t) -> deadlines.close(() -> MqttErrors.closed(name())));
    }

    // ---- used by the connector's parts

    /** The connection failed for good (refused credentials, reconnect given up): health down, sinks told. */
    void failed(TributaryException e) {
        failure = e;
        LOG.log(Level.ERROR, e.getMessage(), e.getCause());
        for (MqttSubscription s : subscriptions) {
            s.fail(e);
        }
    }

    boolean isClosing() {
        return state == State.CLOSED;
    }

    String where() {
        return config.host() + ":" + config.port() + " (MQTT " + config.version() + (config.tls() != null ? ", TLS" : "") + ")";
    }

    MqttLink link() {
        return link;
    }

    ScheduledExecutorService scheduler() {
        return context.scheduler();
    }

    MqttRequests requests() {
        return requests;
    }

    List<MqttSubscription> subscriptions() {
        return subscriptions;
    }

    private void checkOpen() {
        if (state == State.CLOSED || state == State.NEW) {
            throw MqttErrors.closed(name());
        }
    }

    private static TributaryException coded(Throwable t, java.util.function.Function<Throwable, TributaryException> wrap) {
        return t instanceof TributaryException te ? te : wrap.apply(t);
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public String toString() {
        return "MqttConnector[" + name() + ", " + where() + ", " + state + "]";
    }
}
