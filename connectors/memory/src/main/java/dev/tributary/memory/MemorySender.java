package dev.tributary.memory;

import dev.tributary.TributaryException;
import dev.tributary.spi.OutboundMessage;
import dev.tributary.spi.Sender;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Publishes to the in-memory broker. The message is accepted once it is in every matching queue, so the
 * stage is already complete when {@link #send} returns; matching subscriptions that are not paused have
 * received it on the calling thread. One sender serves every destination (the address is in the message).
 */
final class MemorySender implements Sender {

    private final MemoryConnector connector;

    MemorySender(MemoryConnector connector) {
        this.connector = connector;
    }

    @Override
    public CompletionStage<Void> send(OutboundMessage message) {
        try {
            connector.publish(message);
            return MemoryDelivery.DONE;
        } catch (TributaryException e) {
            return CompletableFuture.failedStage(e);
        }
    }
}
