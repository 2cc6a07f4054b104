package dev.tributary.tck;

import dev.tributary.Publishers;
import dev.tributary.Subscriptions;
import dev.tributary.cdi.TributaryExtension;
import dev.tributary.cdi.TributaryHealth;
import dev.tributary.spi.AddressTemplate;
import dev.tributary.spi.DestinationSpec;
import dev.tributary.spi.OutboundMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * One application under test: Weld SE with discovery off, the Tributary extension, the connector under test
 * (named {@value #CONNECTOR}, created through an {@link ObservedProvider}) and the given handler beans. The
 * configuration goes in as system properties (MicroProfile Config released so that it sees them) and is
 * removed again on {@link #close()}, which stops the application gracefully. Not thread-safe: one at a time.
 */
final class TckApp implements AutoCloseable {
    static final String CONNECTOR = "tck";

    private final WeldContainer container;
    private final Map<String, String> config;
    private final ObservedConnector connector;
    private boolean closed;

    private TckApp(WeldContainer container, Map<String, String> config, ObservedConnector connector) {
        this.container = container;
        this.config = config;
        this.connector = connector;
    }

    static TckApp start(TckEnvironment env, Map<String, String> extraConfig, Class<?>... beans) {
        Map<String, String> config = new LinkedHashMap<>();
        String prefix = "tributary.connectors." + CONNECTOR + ".";
        env.provider.connectorConfig().forEach((k, v) -> config.put(prefix + k, v));
        config.put(prefix + "type", env.provider.connectorType());
        config.put("tributary.shutdown.timeout", "5s");
        config.putAll(extraConfig);
        ObservedProvider provider = new ObservedProvider(env.connectorProvider);
        applyConfig(config);
        try {
            Weld weld = new Weld("tributary-tck-" + UUID.randomUUID()).disableDiscovery()
                    .addExtension(new TributaryExtension()).addExtension(new TckBeans(provider))
                    .addBeanClass(Anchor.class).addBeanClasses(beans)
                    // a deployment of a handful of beans boots faster without Weld's bootstrap thread pool
                    .property("org.jboss.weld.bootstrap.concurrentDeployment", false)
                    .property("org.jboss.weld.executor.threadPoolType", "NONE");
            WeldContainer c = weld.initialize();
            if (provider.created == null) {
                c.shutdown();
                throw new IllegalStateException("TCK: the runtime did not create the connector under test");
            }
            return new TckApp(c, config, provider.created);
        } catch (RuntimeException | Error e) {
            clearConfig(config);
            throw e;
        }
    }

    private static void applyConfig(Map<String, String> config) {
        config.forEach(System::setProperty);
        releaseConfig();
    }

    private static void clearConfig(Map<String, String> config) {
        config.keySet().forEach(System::clearProperty);
        releaseConfig();
    }

    private static void releaseConfig() {
        try {
            ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        } catch (RuntimeException | LinkageError ignored) {
            // no MicroProfile Config implementation: the runtime reads system properties
        }
    }

    ObservedConnector connector() {
        return connector;
    }

    <T> T bean(Class<T> type) {
        return container.select(type).get();
    }

    Subscriptions subscriptions() {
        return bean(Subscriptions.class);
    }

    Publishers publishers() {
        return bean(Publishers.class);
    }

    TributaryHealth health() {
        return bean(TributaryHealth.class);
    }

    /** Sends already-encoded bytes straight through the connector's sender (no codec): for malformed payloads. */
    CompletionStage<Void> sendRaw(String address, byte[] body, String contentType, Map<String, String> headers) {
        DestinationSpec spec = new DestinationSpec(address, AddressTemplate.parse(address, connector.addressSyntax()),
                Map.of(), List.of());
        return connector.sender(spec).send(new OutboundMessage(address, body, contentType, UUID.randomUUID().toString(),
                null, null, null, headers, Map.of()));
    }

    boolean isRunning() {
        return !closed && container.isRunning();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (container.isRunning()) {
                container.shutdown();
            }
        } finally {
            clearConfig(config);
        }
    }

    /** Weld SE refuses an empty deployment; this bean is always there. */
    @jakarta.enterprise.context.Dependent
    static class Anchor {
    }
}
