package dev.tributary;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A consumed message as a handler sees it: the decoded body, headers, the FastStream-compatible
 * metadata ({@code content-type}, {@code correlation_id}, {@code reply_to}, {@code message_id}), the
 * broker's own metadata, and the settlement operations.
 *
 * <p>{@link #ack()}, {@link #nack()} and {@link #reject()} are idempotent: the first call decides,
 * later calls return the same stage and do nothing. They may be called from any thread, also after the
 * handler returned (with {@link AckPolicy#MANUAL}). Under other policies the runtime settles the
 * message after the handler; an earlier call by the handler wins.
 *
 * @param <T> the body type
 */
public interface Message<T> {

    /** The body decoded to the handler's type; {@code null} for an empty body. */
    T body();

    /** The body bytes as they arrived. Do not modify the array. */
    byte[] rawBody();

    /** User headers (read-only). Protocol headers such as {@code content-type} are exposed by their own accessors. */
    Map<String, String> headers();

    /** One header. */
    default Optional<String> header(String name) {
        return Optional.ofNullable(headers().get(name));
    }

    /** The content type, or {@code null} when the message has none. */
    String contentType();

    /** The correlation id ({@code correlation_id}); never {@code null} (generated on receipt when absent). */
    String correlationId();

    /** The reply address ({@code reply_to}), or {@code null}. */
    String replyTo();

    /** The concrete address the message arrived on (topic, subject, queue, channel). */
    String address();

    /** The message id: the broker's own, the {@code message_id} header, or the correlation id. */
    String messageId();

    /** The ordering key (Kafka record key, …) as text, or {@code null}. */
    String key();

    /** The broker's metadata object, when it is of the given type ({@code KafkaMetadata}, {@code MqttMetadata}, …). */
    <M> Optional<M> metadata(Class<M> type);

    /** Acknowledge: processing succeeded. Completes when the broker took the acknowledgement. */
    CompletionStage<Void> ack();

    /** Negative acknowledgement: redeliver the message (where the broker can). */
    CompletionStage<Void> nack();

    /** Reject: do not redeliver (drop, or dead-letter where configured). */
    CompletionStage<Void> reject();

    /** Whether ack, nack or reject has been called. */
    boolean isSettled();
}
