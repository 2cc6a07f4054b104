package dev.tributary.tck;

import dev.tributary.spi.AddressSyntax;
import dev.tributary.spi.Capability;
import dev.tributary.spi.Connector;
import dev.tributary.spi.DestinationSpec;
import dev.tributary.spi.Health;
import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.InboundSink;
import dev.tributary.spi.OutboundMessage;
import dev.tributary.spi.Sender;
import dev.tributary.spi.Subscription;
import dev.tributary.spi.SubscriptionSpec;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The connector under test, wrapped so that the TCK sees what passes between it and the runtime: every
 * subscription with the messages it delivered, how each was settled, how many were in flight at most, and
 * pause/stop calls. Everything is delegated unchanged (same threads, same objects apart from the message
 * wrapper): the connector's behaviour is what is tested. Thread-safe.
 */
final class ObservedConnector implements Connector {
    final Connector delegate;
    private final List<ObservedSubscription> subscriptions = new CopyOnWriteArrayList<>();

    ObservedConnector(Connector delegate) {
        this.delegate = delegate;
    }

    /** The subscriptions made so far on this address (channel of a dynamic subscription), oldest first. */
    List<ObservedSubscription> subscriptions(String channel) {
        return subscriptions.stream().filter(s -> s.spec.channel().equals(channel)).toList();
    }

    /** The latest subscription on this channel. */
    ObservedSubscription subscription(String channel) {
        List<ObservedSubscription> found = subscriptions(channel);
        if (found.isEmpty()) {
            throw new AssertionError("no subscription on '" + channel + "' reached the connector");
        }
        return found.get(found.size() - 1);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String type() {
        return delegate.type();
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public AddressSyntax addressSyntax() {
        return delegate.addressSyntax();
    }

    @Override
    public Set<Class<?>> metadataTypes() {
        return delegate.metadataTypes();
    }

    @Override
    public CompletionStage<Void> start() {
        return delegate.start();
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, InboundSink sink) {
        ObservedSubscription observed = new ObservedSubscription(spec, sink);
        observed.delegate = delegate.subscribe(spec, observed);
        subscriptions.add(observed);
        return observed;
    }

    @Override
    public Sender sender(DestinationSpec spec) {
        return delegate.sender(spec);
    }

    @Override
    public CompletionStage<InboundMessage> request(OutboundMessage request, Duration timeout) {
        return delegate.request(request, timeout);
    }

    @Override
    public Health health() {
        return delegate.health();
    }

    @Override
    public CompletionStage<Void> close(Duration drain) {
        return delegate.close(drain);
    }

    @Override
    public String toString() {
        return "Observed[" + delegate + "]";
    }
}
