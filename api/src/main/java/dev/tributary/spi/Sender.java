package dev.tributary.spi;

import java.util.concurrent.CompletionStage;

/**
 * Publishes to a broker. Thread-safe. {@link #send} must not block the caller beyond handing the
 * message to the client; its stage completes when the broker accepted the message and fails with a
 * coded {@link dev.tributary.TributaryException} when it did not, within the connector's publish
 * timeout (never hangs). The outbox relies on this.
 */
public interface Sender {

    CompletionStage<Void> send(OutboundMessage message);
}
