package dev.tributary.spi;

/**
 * Creates connectors of one broker type. Found through {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.tributary.spi.ConnectorProvider} entry) and as CDI beans; when both offer
 * the same type, the CDI bean wins (so a test or an application can wrap or replace a provider).
 *
 * <p>Each section {@code tributary.connectors.<name>.*} of the configuration becomes one connector;
 * its {@code type} defaults to the name. With no section at all, every provider on the class path
 * gives one connector named after its type (zero configuration).
 */
public interface ConnectorProvider {

    /** The broker type, for example {@code "kafka"}; lower case. */
    String type();

    /**
     * Creates an unstarted connector. Must not do I/O: the runtime calls {@link Connector#start()} once
     * the deployment validated. Invalid configuration → {@link dev.tributary.TributaryException} with a code.
     */
    Connector create(ConnectorContext context);
}
