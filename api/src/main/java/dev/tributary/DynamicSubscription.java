package dev.tributary;

/**
 * A running dynamic subscription. {@link #close()} stops fetching, waits for in-flight handlers (up to the
 * graceful timeout) and leaves unsettled messages to the broker's redelivery. Idempotent.
 */
public interface DynamicSubscription extends AutoCloseable {

    /** The address subscribed to (in the connector's syntax). */
    String address();

    /** Whether the subscription is still consuming. */
    boolean isActive();

    @Override
    void close();
}
