package dev.tributary.outbox.testing;

import dev.tributary.Message;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the downstream handlers of a test received, in arrival order. Thread-safe. */
@ApplicationScoped
public class Received {
    /** One received message. */
    public record Got(String channel, Object body, Map<String, String> headers, String correlationId, String key,
            String messageId, String contentType) {
    }

    private final List<Got> all = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> perBody = new ConcurrentHashMap<>();

    public void add(String channel, Object body, Message<?> m) {
        all.add(new Got(channel, body, m.headers(), m.correlationId(), m.key(), m.messageId(), m.contentType()));
        perBody.merge(String.valueOf(body), 1, Integer::sum);
    }

    public List<Got> all() {
        return new ArrayList<>(all);
    }

    public List<Object> bodies() {
        return all.stream().map(Got::body).toList();
    }

    public int size() {
        return all.size();
    }

    /** Bodies received more than once, with their counts. */
    public Map<String, Integer> duplicates() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        perBody.forEach((k, v) -> {
            if (v > 1) {
                out.put(k, v);
            }
        });
        return out;
    }
}
