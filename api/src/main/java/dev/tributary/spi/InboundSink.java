package dev.tributary.spi;

/**
 * Where a connector delivers the messages of one subscription. Implemented by the runtime.
 *
 * <p>{@link #onMessage} may be called from any connector thread, never blocks and never throws; from
 * one thread at a time per subscription when order matters (calls are delivered in call order).
 * Ownership of the message passes to the runtime, which settles it exactly once.
 */
public interface InboundSink {

    /** One message arrived. */
    void onMessage(InboundMessage message);

    /**
     * The subscription hit a failure it could not recover from by itself (broker gone and reconnect
     * given up, subscription refused). The runtime logs it with its code and marks the subscription down.
     */
    void onFailure(Throwable failure);
}
