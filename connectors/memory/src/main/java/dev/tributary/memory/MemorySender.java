package dev.tributary.memory;

import dev.tributary.TributaryException;
import dev.tributary.spi.OutboundMessage;
import dev.tributary.spi.Sender;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Publishes to the in-memory broker. The message is accepted once it is in every matching queue, so the
 * stage is usually complete when {@link #send} returns (matching subscriptions that are not paused have
 * received it on the calling thread); when a queue is full ({@code max-queued}) it completes once that queue
 * has drained to half (flow control). One sender serves every destination (the address is in the message).
 */
final class MemorySender implements Sender {

    private final MemoryConnector connector;

    MemorySender(MemoryConnector connector) {
        this.connector = connector;
    }

    @Override
    public CompletionStage<Void> send(OutboundMessage message) {
        try {
            return connector.send(message);
        } catch (TributaryException e) {
            return CompletableFuture.failedStage(e);
        }
    }
}
