package dev.tributary.spi;

import dev.tributary.TributaryException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One configured connection to a broker. Created by a {@link ConnectorProvider}, started once, closed
 * once. All methods are thread-safe.
 *
 * <p>Threading contract: the connector delivers messages on its own threads (client I/O threads are
 * fine: {@link InboundSink#onMessage} never blocks and never runs user code). It never calls user code
 * itself.
 */
public interface Connector {

    /** The connector's name. */
    String name();

    /** The broker type ({@link ConnectorProvider#type()}). */
    String type();

    /** What this connector can do. Constant for its lifetime. */
    Set<Capability> capabilities();

    /** How addresses are written on this broker. */
    AddressSyntax addressSyntax();

    /**
     * The broker metadata types a handler may declare as parameters ({@code KafkaMetadata}, …); an
     * {@link InboundMessage#metadata()} of one of these types is bound to it.
     */
    default Set<Class<?>> metadataTypes() {
        return Set.of();
    }

    /**
     * The acknowledgement policy of subscriptions that name none (below configuration, the handler's
     * annotation and its router). {@code REJECT_ON_ERROR} unless a connector's semantics call for another
     * (the outbox retries a failed relay: {@code NACK_ON_ERROR}). Never {@code INHERIT}.
     */
    default dev.tributary.AckPolicy defaultAckPolicy() {
        return dev.tributary.AckPolicy.REJECT_ON_ERROR;
    }

    /** Connects. Completes when ready to subscribe and publish; fails with a coded error when it cannot. */
    CompletionStage<Void> start();

    /**
     * Starts consuming. Messages go to {@code sink}. The subscription starts unpaused.
     * Fails with a {@link TributaryException} for an address the broker refuses.
     */
    Subscription subscribe(SubscriptionSpec spec, InboundSink sink);

    /** A sender for one destination (a channel); cheap to call, senders may be cached and shared. */
    Sender sender(DestinationSpec spec);

    /**
     * Sends {@code request} and completes with the first message whose correlation id equals the
     * request's ({@link OutboundMessage#correlationId()}, always set by the runtime). The connector picks
     * the reply address (unless the request has one) and cleans up on timeout, failing with
     * {@link dev.tributary.RequestTimeoutException}.
     */
    default CompletionStage<InboundMessage> request(OutboundMessage request, Duration timeout) {
        return CompletableFuture.failedFuture(new TributaryException("TRB-SPI001", "connector '" + name()
                + "' (" + type() + ") does not support request/reply"));
    }

    /** The current health. Cheap; may be called often. */
    Health health();

    /**
     * Stops subscriptions that are still open, flushes senders (waiting up to {@code drain}) and
     * disconnects. Idempotent.
     */
    CompletionStage<Void> close(Duration drain);
}
