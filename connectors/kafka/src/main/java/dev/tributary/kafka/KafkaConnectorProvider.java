package dev.tributary.kafka;

import dev.tributary.spi.Connector;
import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.ConnectorProvider;

/**
 * Creates Kafka connectors (type {@value #TYPE}); registered through {@link java.util.ServiceLoader}.
 * Settings: {@link KafkaConfig}. Creating a connector does no I/O.
 */
public final class KafkaConnectorProvider implements ConnectorProvider {

    /** The connector type. */
    public static final String TYPE = "kafka";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Connector create(ConnectorContext context) {
        return new KafkaConnector(context, KafkaConfig.from(context.config()));
    }
}
