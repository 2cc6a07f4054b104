package dev.tributary.tck;

import dev.tributary.spi.AddressSyntax;
import dev.tributary.spi.Capability;
import dev.tributary.spi.ConnectorProvider;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The broker and connector facts shared by every test of one {@link TckProvider} in a JUnit run: started
 * once (the broker, then a probe application that reads the connector's capabilities and address syntax),
 * stopped when the run ends. Kept in the root {@link ExtensionContext.Store}, so JUnit closes it.
 */
@SuppressWarnings("deprecation") // CloseableResource: still the way that works on every JUnit 5 version
final class TckEnvironment implements ExtensionContext.Store.CloseableResource {
    final TckProvider provider;
    final ConnectorProvider connectorProvider;
    final Set<Capability> capabilities;
    final AddressSyntax syntax;
    private boolean brokerRunning;

    private TckEnvironment(TckProvider provider) throws Exception {
        this.provider = provider;
        this.connectorProvider = ObservedProvider.find(provider);
        provider.startBroker();
        brokerRunning = true;
        try (TckApp probe = TckApp.start(this, Map.of())) {
            this.capabilities = Set.copyOf(probe.connector().capabilities());
            this.syntax = probe.connector().addressSyntax();
        } catch (RuntimeException | Error e) {
            stopBroker();
            throw e;
        }
    }

    static TckEnvironment of(ExtensionContext context, TckProvider provider) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(TckEnvironment.class));
        return store.getOrComputeIfAbsent("provider:" + provider.name(), k -> {
            try {
                return new TckEnvironment(provider);
            } catch (Exception e) {
                throw new IllegalStateException("TCK: could not start the broker or the connector of '" + provider.name()
                        + "': " + e, e);
            }
        }, TckEnvironment.class);
    }

    /** Stops the broker for an outage test; {@link #startBroker()} must follow (a finally block). */
    void stopBroker() throws Exception {
        brokerRunning = false;
        provider.stopBroker();
    }

    void startBroker() throws Exception {
        provider.startBroker();
        brokerRunning = true;
    }

    @Override
    public void close() throws Exception {
        if (brokerRunning) {
            stopBroker();
        }
    }
}
