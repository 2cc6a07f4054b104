package dev.tributary.tck;

import dev.tributary.spi.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A delivered message as the runtime sees it, recording how (and how often) the runtime settled it before
 * passing the call on to the connector's message. Thread-safe.
 */
final class ObservedMessage implements InboundMessage {
    enum Outcome { ACK, NACK, REJECT }

    private final InboundMessage delegate;
    private final ObservedSubscription owner;
    volatile Outcome outcome;
    final AtomicInteger settleCalls = new AtomicInteger();

    ObservedMessage(InboundMessage delegate, ObservedSubscription owner) {
        this.delegate = delegate;
        this.owner = owner;
    }

    String text() {
        return new String(delegate.body(), StandardCharsets.UTF_8);
    }

    private CompletionStage<Void> settle(Outcome o, java.util.function.Supplier<CompletionStage<Void>> call) {
        if (settleCalls.getAndIncrement() == 0) {
            outcome = o;
            owner.settled();
        }
        return call.get();
    }

    @Override
    public CompletionStage<Void> ack() {
        return settle(Outcome.ACK, delegate::ack);
    }

    @Override
    public CompletionStage<Void> nack() {
        return settle(Outcome.NACK, delegate::nack);
    }

    @Override
    public CompletionStage<Void> reject() {
        return settle(Outcome.REJECT, delegate::reject);
    }

    @Override
    public byte[] body() {
        return delegate.body();
    }

    @Override
    public Map<String, String> headers() {
        return delegate.headers();
    }

    @Override
    public String contentType() {
        return delegate.contentType();
    }

    @Override
    public String correlationId() {
        return delegate.correlationId();
    }

    @Override
    public String replyTo() {
        return delegate.replyTo();
    }

    @Override
    public String address() {
        return delegate.address();
    }

    @Override
    public String messageId() {
        return delegate.messageId();
    }

    @Override
    public String key() {
        return delegate.key();
    }

    @Override
    public Object metadata() {
        return delegate.metadata();
    }

    @Override
    public String toString() {
        return "'" + text() + "' on " + address() + " (" + outcome + ")";
    }
}
