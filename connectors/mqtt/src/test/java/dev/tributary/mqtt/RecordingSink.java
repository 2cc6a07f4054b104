package dev.tributary.mqtt;

import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.InboundSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Records what a subscription delivers; optionally acts on each message (ack, nack, …) right away. */
final class RecordingSink implements InboundSink {

    final List<InboundMessage> messages = Collections.synchronizedList(new ArrayList<>());
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Consumer<InboundMessage> onEach;

    RecordingSink(Consumer<InboundMessage> onEach) {
        this.onEach = onEach;
    }

    static RecordingSink acking() {
        return new RecordingSink(InboundMessage::ack);
    }

    static RecordingSink holding() {
        return new RecordingSink(m -> { });
    }

    @Override
    public void onMessage(InboundMessage message) {
        messages.add(message);
        onEach.accept(message);
    }

    @Override
    public void onFailure(Throwable failure) {
        failures.add(failure);
    }

    List<String> bodies() {
        synchronized (messages) {
            return messages.stream().map(m -> new String(m.body(), StandardCharsets.UTF_8)).toList();
        }
    }

    int size() {
        return messages.size();
    }

    InboundMessage get(int i) {
        return messages.get(i);
    }
}
