package dev.tributary.memory;

import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.InboundSink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Records what a subscription delivers; optionally acts on each message (ack, nack, …) right away. */
final class RecordingSink implements InboundSink {

    final List<InboundMessage> messages = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger concurrent = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    private final Consumer<InboundMessage> onEach;

    RecordingSink() {
        this(m -> { });
    }

    RecordingSink(Consumer<InboundMessage> onEach) {
        this.onEach = onEach;
    }

    static RecordingSink acking() {
        return new RecordingSink(InboundMessage::ack);
    }

    @Override
    public void onMessage(InboundMessage message) {
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        messages.add(message);
        onEach.accept(message);
        concurrent.decrementAndGet();
    }

    @Override
    public void onFailure(Throwable failure) {
        failures.add(failure);
    }

    List<String> bodies() {
        return List.copyOf(messages).stream().map(m -> new String(m.body(), StandardCharsets.UTF_8)).toList();
    }

    int size() {
        return messages.size();
    }
}
