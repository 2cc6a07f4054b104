package dev.tributary;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Publishes to one channel. Inject it with {@code @Inject @Channel("orders") Publisher<Order> orders;}
 *. Thread-safe; may be called from any thread
 * except a broker client's I/O thread when it waits on the returned stage.
 *
 * <p>The returned stage completes when the broker has accepted the message (Kafka send callback,
 * RabbitMQ publisher confirm, JetStream ack, MQTT PUBACK, Redis reply) and fails with a
 * {@link TributaryException} when it did not, within the connector's publish timeout: it never hangs.
 * A {@code correlation_id} is generated when the publish sets none.
 *
 * @param <T> the body type
 */
public interface Publisher<T> {

    /** Publishes a body to the channel's address. */
    CompletionStage<Void> publish(T body);

    /** Publishes with headers, correlation id, key, path parameters or connector options. */
    CompletionStage<Void> publish(T body, PublishOptions options);

    /**
     * Publishes several bodies, in iteration order, with the same options (a batch: the connector's client
     * groups them on the wire where it can, e.g. Kafka producer batches). The stage completes when the broker
     * accepted every one and fails when any failed (with one of the failures); the others may have been accepted (no rollback:
     * at-least-once, like separate publishes). An empty batch completes at once.
     */
    default CompletionStage<Void> publishBatch(Iterable<? extends T> bodies, PublishOptions options) {
        java.util.List<java.util.concurrent.CompletableFuture<Void>> sent = new java.util.ArrayList<>();
        for (T body : bodies) {
            sent.add(publish(body, options).toCompletableFuture());
        }
        return java.util.concurrent.CompletableFuture.allOf(sent.toArray(new java.util.concurrent.CompletableFuture<?>[0]));
    }

    /** {@link #publishBatch(Iterable, PublishOptions)} without options. */
    default CompletionStage<Void> publishBatch(Iterable<? extends T> bodies) {
        return publishBatch(bodies, PublishOptions.none());
    }

    /**
     * Sends a request and waits (asynchronously) for the reply, decoded to {@code replyType}. Fails with
     * a {@link RequestTimeoutException} ({@code TRB-RUN031}) when no reply came within {@code timeout};
     * the pending request is forgotten then (no leak).
     */
    <R> CompletionStage<R> request(T body, Class<R> replyType, Duration timeout);

    /** As {@link #request(Object, Class, Duration)}, with options, returning the whole reply message. */
    <R> CompletionStage<Message<R>> request(T body, PublishOptions options, Class<R> replyType, Duration timeout);

    /** The channel name. */
    String channel();

    /** The address the channel resolves to (after configuration). */
    String address();
}
