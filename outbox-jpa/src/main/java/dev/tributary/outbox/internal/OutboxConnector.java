package dev.tributary.outbox.internal;

import dev.tributary.TributaryException;
import dev.tributary.outbox.OutboxConfig;
import dev.tributary.outbox.OutboxMetadata;
import dev.tributary.spi.AddressSyntax;
import dev.tributary.spi.Capability;
import dev.tributary.spi.Connector;
import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.DestinationSpec;
import dev.tributary.spi.Health;
import dev.tributary.spi.InboundSink;
import dev.tributary.spi.OutboundMessage;
import dev.tributary.spi.Sender;
import dev.tributary.spi.Subscription;
import dev.tributary.spi.SubscriptionSpec;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code outbox} connector: its {@link Sender} writes rows in the caller's JTA transaction, its subscriptions
 * relay a queue's rows. Holds no connection of its own: every database access goes through the application's
 * {@code EntityManager}. Thread-safe.
 */
final class OutboxConnector implements Connector {
    /** Queue names are plain text; no wildcards, no templates. */
    static final AddressSyntax SYNTAX = new AddressSyntax("outbox", ".", null, null, false);
    private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.TRANSACTIONAL_PUBLISH,
            Capability.HEADERS, Capability.ORDERING_KEY, Capability.NACK_REDELIVERY, Capability.REDELIVERY_AFTER_RESTART,
            Capability.PAUSE, Capability.BATCH));

    private final ConnectorContext context;
    private final OutboxConfig config;
    private final OutboxStore store;
    private final OutboxWriter writer;
    private final RelayDirectory directory;
    private final List<OutboxSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Sender sender;
    private volatile ScheduledFuture<?> purger;
    private volatile boolean closed;

    OutboxConnector(ConnectorContext context, OutboxConfig config, OutboxStore store, OutboxWriter writer,
            RelayDirectory directory) {
        this.context = context;
        this.config = config;
        this.store = store;
        this.writer = writer;
        this.directory = directory;
        this.sender = this::send;
    }

    @Override
    public String name() {
        return context.name();
    }

    @Override
    public String type() {
        return OutboxConnectorProvider.TYPE;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public AddressSyntax addressSyntax() {
        return SYNTAX;
    }

    @Override
    public Set<Class<?>> metadataTypes() {
        return Set.of(OutboxMetadata.class);
    }

    @Override
    public CompletionStage<Void> start() {
        directory.add(this);
        if (!config.retention().isZero()) {
            long every = Math.max(1000, Math.min(60_000, config.retention().toMillis() / 2));
            purger = context.scheduler().scheduleWithFixedDelay(this::purgeSoon, every, every, TimeUnit.MILLISECONDS);
        }
        return CompletableFuture.completedFuture(null);
    }

    private void purgeSoon() {
        try {
            context.executor().execute(() -> {
                try {
                    int n = store.purge(OutboxStore.now() - config.retention().toMillis());
                    if (n > 0) {
                        OutboxSubscription.LOG.log(Level.DEBUG, () -> "TRB-OBX027 purged " + n + " delivered outbox rows");
                    }
                } catch (RuntimeException e) {
                    OutboxSubscription.LOG.log(Level.WARNING, "TRB-OBX028 purging delivered outbox rows failed: " + e);
                }
            });
        } catch (RuntimeException e) {
            // refused: the next tick tries again
        }
    }

    /** A relay whose foreign publish failed retries the row (retry policy) instead of making it DEAD at once. */
    @Override
    public dev.tributary.AckPolicy defaultAckPolicy() {
        return dev.tributary.AckPolicy.NACK_ON_ERROR;
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, InboundSink sink) {
        if (closed) {
            throw new TributaryException("TRB-OBX012", "outbox connector '" + name() + "' is closed");
        }
        if (spec.template().isPattern()) {
            throw new TributaryException("TRB-OBX011", "the outbox relays one queue per subscription; '"
                    + spec.template().raw() + "' is a pattern. Subscribe to a concrete queue name");
        }
        // spec.options() is the channel's section without the keys the runtime interprets itself
        OutboxConfig c = OutboxConfig.from(context.config(), spec.options());
        if (c.pollInterval().compareTo(c.lease().dividedBy(2)) > 0) {
            OutboxSubscription.LOG.log(Level.WARNING, "TRB-OBX013 outbox queue '" + spec.address() + "' on connector '"
                    + name() + "': poll-interval " + c.pollInterval().toMillis() + " ms is more than half the lease of "
                    + c.lease().toMillis() + " ms; leases are renewed on the poll tick and may expire under slow relays."
                    + " Lower poll-interval or raise lease");
        }
        OutboxSubscription s = new OutboxSubscription(this, spec, sink, c, store, context.executor(), context.scheduler());
        subscriptions.add(s);
        directory.add(s);
        return s;
    }

    void forget(OutboxSubscription s) {
        subscriptions.remove(s);
        directory.remove(s);
    }

    @Override
    public Sender sender(DestinationSpec spec) {
        return sender;
    }

    private CompletionStage<Void> send(OutboundMessage m) {
        try {
            writer.write(m);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Health health() {
        if (closed) {
            return Health.down("closed");
        }
        for (OutboxSubscription s : subscriptions) {
            String f = s.failing;
            if (f != null) {
                return Health.down("claiming rows of '" + s.queue + "' fails: " + f);
            }
        }
        return Health.up(subscriptions.size() + " relay subscriptions");
    }

    @Override
    public CompletionStage<Void> close(Duration drain) {
        closed = true;
        ScheduledFuture<?> p = purger;
        if (p != null) {
            p.cancel(false);
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (OutboxSubscription s : subscriptions) {
            stops.add(s.stop().toCompletableFuture());
        }
        directory.remove(this);
        return CompletableFuture.allOf(stops.toArray(new CompletableFuture<?>[0]));
    }

    @Override
    public String toString() {
        return "OutboxConnector[" + name() + "]";
    }
}
