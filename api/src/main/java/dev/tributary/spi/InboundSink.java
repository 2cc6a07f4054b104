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
     * Several messages arrived together (a fetched batch): the same as {@link #onMessage} for each in turn, in list
     * order, with one hand-off to the runtime's worker instead of one per message. Same threading and ownership
     * rules; the list is the runtime's from then on (the connector must not change it). Size batches by
     * {@link #room()}: a larger one takes the subscription past its in-flight bound by the excess.
     */
    default void onMessages(java.util.List<? extends InboundMessage> messages) {
        for (InboundMessage m : messages) {
            onMessage(m);
        }
    }

    /**
     * How many messages a connector may hand over in one {@link #onMessages} call now: for the runtime, what it
     * takes before it pauses the subscription (its in-flight bound less what is in flight; settlements on other
     * threads only make it grow), at least 0. The default, 1, asks for messages one at a time: a sink that may call
     * {@code pause()} from inside {@code onMessage} must see nothing after that call, which a batch already handed
     * over cannot promise.
     */
    default int room() {
        return 1;
    }

    /**
     * The subscription hit a failure it could not recover from by itself (broker gone and reconnect
     * given up, subscription refused). The runtime logs it with its code and marks the subscription down.
     */
    void onFailure(Throwable failure);
}
