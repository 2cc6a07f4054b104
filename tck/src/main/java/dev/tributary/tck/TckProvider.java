package dev.tributary.tck;

import dev.tributary.spi.ConnectorProvider;
import java.time.Duration;
import java.util.Map;

/**
 * What a connector author supplies to run the TCK: how to start, stop and restart the broker, how to
 * configure the connector, and how to make addresses. The capabilities the TCK demands are read from the
 * connector itself ({@link dev.tributary.spi.Connector#capabilities()}); tests of capabilities it does not
 * claim are skipped (reported as skipped, never passed).
 *
 * <p>Lifecycle: the TCK creates one provider per test class (the first {@link TckContract#provider()} result),
 * calls {@link #startBroker()} once before the first test and {@link #stopBroker()} once after the last one.
 * Lifecycle tests also call {@link #stopBroker()} and then {@link #startBroker()} in the middle of a test to
 * simulate an outage: after a restart the broker must be reachable at the same place as before, so that the
 * running connector can reconnect.
 *
 * <p>Threading: every method is called from the JUnit thread running the tests, one call at a time. Blocking
 * is fine (a start may wait until the broker answers).
 */
public interface TckProvider {

    /** A short name for reports ({@code "memory"}, {@code "kafka"}): the summary line is printed under it. */
    String name();

    /**
     * The connector type ({@link ConnectorProvider#type()}) to test. The TCK configures one connector named
     * {@code tck} with this type.
     */
    String connectorType();

    /** Starts the broker (or brings it back after {@link #stopBroker()}); returns when it accepts clients. */
    void startBroker() throws Exception;

    /** Stops the broker; returns when clients can no longer reach it. */
    void stopBroker() throws Exception;

    /** Restarts the broker; by default {@link #stopBroker()} then {@link #startBroker()}. */
    default void restartBroker() throws Exception {
        stopBroker();
        startBroker();
    }

    /**
     * The connector's configuration: keys of {@code tributary.connectors.tck.*} without that prefix (for
     * example {@code bootstrap.servers}). Called after {@link #startBroker()}, once per test; {@code type} is
     * set by the TCK. Give short timeouts here (publish, request, reconnect): the TCK waits at most
     * {@link #patience()} for anything.
     */
    Map<String, String> connectorConfig();

    /**
     * A new concrete address, unique in this JVM run and valid on the broker as one level (no level
     * separator): a topic, queue, subject or channel name. The TCK builds multi-level addresses from it with
     * the connector's {@link dev.tributary.spi.AddressSyntax}. {@code hint} is a readable word for logs.
     */
    String uniqueAddress(String hint);

    /**
     * Called before the TCK first publishes to or subscribes on a concrete address it built itself (for
     * example {@code <unique>.dev1.temp}): create the topic or queue when the broker needs that. Default: nothing.
     */
    default void prepareAddress(String address) throws Exception {
    }

    /**
     * Subscription options (as {@code tributary.channels.<name>.*} / {@link dev.tributary.SubscribeOptions#option})
     * that make a subscription durable and shared under {@code name}: messages it leaves unsettled when it
     * stops are redelivered to the next subscription with the same options (a consumer group, a durable
     * queue, a durable consumer). Used by the tests of {@link dev.tributary.spi.Capability#REDELIVERY_AFTER_RESTART}.
     * Default: none (the connector's subscriptions are durable by themselves).
     */
    default Map<String, String> durableSubscriptionOptions(String name) {
        return Map.of();
    }

    /**
     * The publish timeout configured in {@link #connectorConfig()}: a publish to a stopped broker must fail
     * within it (the TCK allows {@link #patience()} on top). Default 5 s.
     */
    default Duration publishTimeout() {
        return Duration.ofSeconds(5);
    }

    /**
     * The longest the TCK waits for something that should happen (a message to arrive, health to change, a
     * reconnect). Default 10 s. Tests that expect a failure wait this long before failing.
     */
    default Duration patience() {
        return Duration.ofSeconds(10);
    }

    /**
     * The provider to create the connector with, or {@code null} (default) to find the provider of
     * {@link #connectorType()} through {@link java.util.ServiceLoader} as an application would.
     */
    default ConnectorProvider connectorProvider() {
        return null;
    }
}
