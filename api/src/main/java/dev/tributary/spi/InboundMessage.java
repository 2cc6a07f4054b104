package dev.tributary.spi;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A message as a connector delivers it. The runtime guarantees that exactly one of {@link #ack()},
 * {@link #nack()} and {@link #reject()} is called, once, from any thread.
 */
public interface InboundMessage {

    /** Body bytes (never {@code null}; empty for an empty body). */
    byte[] body();

    /** User headers, without the protocol headers that have accessors below. */
    Map<String, String> headers();

    /** Content type or {@code null}. */
    String contentType();

    /** Correlation id or {@code null} (the runtime then generates one). */
    String correlationId();

    /** Reply address or {@code null}. */
    String replyTo();

    /** The concrete address it arrived on. */
    String address();

    /** The message id or {@code null}. */
    String messageId();

    /** The ordering key as text, or {@code null}. */
    String key();

    /** The broker's metadata object (one of {@link Connector#metadataTypes()}), or {@code null}. */
    Object metadata();

    CompletionStage<Void> ack();

    CompletionStage<Void> nack();

    CompletionStage<Void> reject();
}
