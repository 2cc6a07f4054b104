package dev.tributary.cdi;

import dev.tributary.TributaryException;
import dev.tributary.spi.AddressSyntax;
import dev.tributary.spi.Capability;
import dev.tributary.spi.Connector;
import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.DestinationSpec;
import dev.tributary.spi.Health;
import dev.tributary.spi.InboundSink;
import dev.tributary.spi.Sender;
import dev.tributary.spi.Subscription;
import dev.tributary.spi.SubscriptionSpec;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A test connector that only publishes, through the given sender; subscribing fails with {@code TRB-TEST002}. */
final class PublishOnlyConnector implements Connector {
    private final ConnectorContext context;
    private final String type;
    private final Set<Capability> capabilities;
    private final Sender sender;

    PublishOnlyConnector(ConnectorContext context, String type, Set<Capability> capabilities, Sender sender) {
        this.context = context;
        this.type = type;
        this.capabilities = capabilities;
        this.sender = sender;
    }

    @Override
    public String name() {
        return context.name();
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public AddressSyntax addressSyntax() {
        return AddressSyntax.NATS;
    }

    @Override
    public CompletionStage<Void> start() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, InboundSink sink) {
        throw new TributaryException("TRB-TEST002", "the " + type + " connector is publish-only");
    }

    @Override
    public Sender sender(DestinationSpec spec) {
        return sender;
    }

    @Override
    public Health health() {
        return Health.up(type);
    }

    @Override
    public CompletionStage<Void> close(Duration drain) {
        return CompletableFuture.completedFuture(null);
    }
}
