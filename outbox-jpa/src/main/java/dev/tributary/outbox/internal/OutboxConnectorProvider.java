package dev.tributary.outbox.internal;

import dev.tributary.outbox.OutboxConfig;
import dev.tributary.spi.Connector;
import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.ConnectorProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Creates {@code outbox} connectors. A CDI bean (not a {@link java.util.ServiceLoader} entry): the connectors need
 * the deployment's {@code EntityManager}, transaction registry and transactional store. Settings:
 * {@link OutboxConfig}.
 */
@ApplicationScoped
public class OutboxConnectorProvider implements ConnectorProvider {
    /** The connector type. */
    public static final String TYPE = "outbox";

    @Inject
    OutboxStore store;
    @Inject
    OutboxWriter writer;
    @Inject
    RelayDirectory directory;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Connector create(ConnectorContext context) {
        return new OutboxConnector(context, OutboxConfig.from(context.config()), store, writer, directory);
    }
}
