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
