package dev.tributary.tck;

import dev.tributary.spi.Connector;
import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.ConnectorProvider;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Stands in for the provider of the connector under test (registered as a CDI bean, which the runtime
 * prefers over {@link ServiceLoader} entries of the same type): creates the real connector and wraps it in an
 * {@link ObservedConnector}. One per application; remembers the connector it created.
 */
final class ObservedProvider implements ConnectorProvider {
    private final ConnectorProvider real;
    volatile ObservedConnector created;

    ObservedProvider(ConnectorProvider real) {
        this.real = real;
    }

    /** The provider a {@link TckProvider} names: its own, else the one {@link ServiceLoader} finds for its type. */
    static ConnectorProvider find(TckProvider provider) {
        ConnectorProvider own = provider.connectorProvider();
        if (own != null) {
            return own;
        }
        String type = provider.connectorType().toLowerCase(Locale.ROOT);
        for (ClassLoader cl : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                ObservedProvider.class.getClassLoader()}) {
            if (cl == null) {
                continue;
            }
            for (ConnectorProvider p : ServiceLoader.load(ConnectorProvider.class, cl)) {
                if (p.type().toLowerCase(Locale.ROOT).equals(type)) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("TCK: no ConnectorProvider of type '" + type + "' on the class path;"
                + " register it in META-INF/services/dev.tributary.spi.ConnectorProvider or return it from"
                + " TckProvider.connectorProvider()");
    }

    @Override
    public String type() {
        return real.type();
    }

    @Override
    public Connector create(ConnectorContext context) {
        ObservedConnector c = new ObservedConnector(real.create(context));
        created = c;
        return c;
    }
}
