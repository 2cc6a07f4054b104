package dev.tributary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler returns when the published result needs headers or a particular correlation id:
 * {@code return Response.of(invoice).header("tenant", t);}. Without a correlation id, a reply echoes
 * the request's and a plain publish generates one.
 *
 * @param <T> the body type
 */
public final class Response<T> {
    private final T body;
    private final Map<String, String> headers;
    private final String correlationId;
    private final String key;

    private Response(T body, Map<String, String> headers, String correlationId, String key) {
        this.body = body;
        this.headers = headers;
        this.correlationId = correlationId;
        this.key = key;
    }

    public static <T> Response<T> of(T body) {
        return new Response<>(body, Map.of(), null, null);
    }

    /** A copy with one more header. */
    public Response<T> header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Response<>(body, Collections.unmodifiableMap(copy), correlationId, key);
    }

    /** A copy with the given correlation id. */
    public Response<T> correlationId(String id) {
        return new Response<>(body, headers, id, key);
    }

    /**
     * A copy with the given message key (Kafka record key, outbox ordering key, …): what a relay returns to keep
     * the consumed message's key, {@code Response.of(event).key(message.key())}.
     */
    public Response<T> key(String key) {
        return new Response<>(body, headers, correlationId, key);
    }

    public T body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The correlation id, or {@code null}. */
    public String correlationId() {
        return correlationId;
    }

    /** The message key, or {@code null}. */
    public String key() {
        return key;
    }
}
