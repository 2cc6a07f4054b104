package dev.tributary.tck;

import dev.tributary.Message;
import dev.tributary.MessageHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Collects the messages a dynamic subscription's handler received, optionally running a step on each (which
 * may throw to take the error path). Thread-safe.
 *
 * @param <T> the body type
 */
final class Inbox<T> implements MessageHandler<T> {
    /** What to do with each message after it is recorded. */
    @FunctionalInterface
    interface Step<T> {
        void on(Message<T> message) throws Exception;
    }

    final List<Message<T>> messages = new CopyOnWriteArrayList<>();
    private final Step<T> step;

    Inbox() {
        this(m -> { });
    }

    Inbox(Step<T> step) {
        this.step = step;
    }

    @Override
    public void handle(Message<T> message) throws Exception {
        messages.add(message);
        step.on(message);
    }

    int size() {
        return messages.size();
    }

    Message<T> get(int i) {
        return messages.get(i);
    }

    List<T> bodies() {
        return messages.stream().map(Message::body).collect(Collectors.toList());
    }

    /** How many received messages have this body. */
    long count(T body) {
        return messages.stream().filter(m -> java.util.Objects.equals(m.body(), body)).count();
    }
}
