package dev.tributary.spi;

import java.util.concurrent.CompletionStage;

/**
 * A running subscription, returned by {@link Connector#subscribe}.
 *
 * <p>Backpressure contract: after {@link #pause()} returns, the connector delivers nothing more to the
 * sink until {@link #resume()} (it stops fetching: Kafka pause, Rabbit prefetch, MQTT receive maximum,
 * …, and keeps what it already fetched). Both are cheap, idempotent and called from runtime threads;
 * {@code pause()} may be called from inside {@link InboundSink#onMessage}, and a connector may deliver
 * synchronously inside {@code resume()} on the calling thread.
 */
public interface Subscription {

    /** Stop delivering until {@link #resume()}. */
    void pause();

    /** Deliver again. */
    void resume();

    /**
     * True when {@link #resume()} only signals the connector's own thread (sets a flag, unparks it): it never
     * delivers on the calling thread and never blocks. The runtime then resumes from the thread that settled the
     * message bringing the count in flight down to the resume mark, instead of handing the call to another thread
     * first (one thread hand-off less per pause). Default {@code false}.
     */
    default boolean resumesInline() {
        return false;
    }

    /**
     * Stops consuming. Messages delivered but not yet settled stay the broker's to redeliver (where the
     * broker can); settling them after stop is allowed and must not fail. Idempotent.
     */
    CompletionStage<Void> stop();

    /**
     * Stops consuming because the application is shutting down, keeping what the broker holds for this
     * consumer (a persistent MQTT session's subscription, a durable consumer): messages published while the
     * application is down wait for its next start. The runtime calls it on graceful shutdown and {@link #stop()}
     * when the application closes a subscription for good. Same contract as {@code stop()} otherwise; the
     * default is {@code stop()} (nothing broker-side to keep). Idempotent.
     */
    default CompletionStage<Void> detach() {
        return stop();
    }
}
