package dev.tributary.tck;

import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.InboundSink;
import dev.tributary.spi.Subscription;
import dev.tributary.spi.SubscriptionSpec;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One subscription of the {@link ObservedConnector}: both the {@link Subscription} the runtime holds and the
 * {@link InboundSink} the connector delivers to. Counts messages in flight (delivered to the runtime, not yet
 * settled) and keeps the highest count. Thread-safe.
 */
final class ObservedSubscription implements Subscription, InboundSink {
    final SubscriptionSpec spec;
    private final InboundSink sink;
    volatile Subscription delegate;
    final List<ObservedMessage> delivered = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger highWater = new AtomicInteger();
    final AtomicInteger pauses = new AtomicInteger();
    volatile boolean stopCalled;
    /** The thread inside {@link #resume()} right now, if any. */
    private volatile Thread resuming;
    /** Deliveries made inside {@code resume()} on its caller by a connector that says it {@code resumesInline()}. */
    final AtomicInteger deliveriesInsideInlineResume = new AtomicInteger();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();

    ObservedSubscription(SubscriptionSpec spec, InboundSink sink) {
        this.spec = spec;
        this.sink = sink;
    }

    @Override
    public void onMessage(InboundMessage message) {
        if (resuming == Thread.currentThread() && delegate.resumesInline()) {
            deliveriesInsideInlineResume.incrementAndGet();
        }
        ObservedMessage m = new ObservedMessage(message, this);
        delivered.add(m);
        highWater.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        sink.onMessage(m);
    }

    @Override
    public void onMessages(List<? extends InboundMessage> messages) {
        if (resuming == Thread.currentThread() && delegate.resumesInline()) {
            deliveriesInsideInlineResume.addAndGet(messages.size());
        }
        List<ObservedMessage> observed = new java.util.ArrayList<>(messages.size());
        for (InboundMessage message : messages) {
            ObservedMessage m = new ObservedMessage(message, this);
            delivered.add(m);
            observed.add(m);
        }
        highWater.accumulateAndGet(inFlight.addAndGet(messages.size()), Math::max);
        sink.onMessages(observed);
    }

    @Override
    public int room() {
        return sink.room();
    }

    @Override
    public void onFailure(Throwable failure) {
        failures.add(failure);
        sink.onFailure(failure);
    }

    void settled() {
        inFlight.decrementAndGet();
    }

    @Override
    public void pause() {
        pauses.incrementAndGet();
        delegate.pause();
    }

    @Override
    public void resume() {
        resuming = Thread.currentThread();
        try {
            delegate.resume();
        } finally {
            resuming = null;
        }
    }

    @Override
    public boolean resumesInline() {
        return delegate.resumesInline();
    }

    @Override
    public CompletionStage<Void> stop() {
        stopCalled = true;
        return delegate.stop();
    }

    /** The settlements of messages with this text body, in delivery order. */
    List<ObservedMessage> withBody(String text) {
        return delivered.stream().filter(m -> m.text().equals(text)).toList();
    }
}
