package dev.tributary.mqtt;

import dev.tributary.spi.Connector;
import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.ConnectorProvider;

/**
 * Creates MQTT connectors (type {@value #TYPE}); registered through {@link java.util.ServiceLoader}.
 * Settings: {@link MqttConfig}. Creating does no I/O: the connector connects in {@code start()}.
 */
public final class MqttConnectorProvider implements ConnectorProvider {

    /** The connector type. */
    public static final String TYPE = "mqtt";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Connector create(ConnectorContext context) {
        return new MqttConnector(context, MqttConfig.from(context.config()));
    }
}
