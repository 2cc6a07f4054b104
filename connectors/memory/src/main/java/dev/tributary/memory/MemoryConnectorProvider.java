package dev.tributary.memory;

import dev.tributary.spi.Connector;
import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.ConnectorProvider;

/**
 * Creates in-memory connectors (type {@value #TYPE}); registered through {@link java.util.ServiceLoader}.
 * Settings: {@link MemoryConfig}.
 */
public final class MemoryConnectorProvider implements ConnectorProvider {

    /** The connector type. */
    public static final String TYPE = "memory";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Connector create(ConnectorContext context) {
        return new MemoryConnector(context, MemoryConfig.from(context.config()));
    }
}
