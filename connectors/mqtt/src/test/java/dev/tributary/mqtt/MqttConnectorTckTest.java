package dev.tributary.mqtt;

import dev.tributary.tck.ConnectorTck;
import dev.tributary.tck.TckProvider;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/** The connector TCK against real Mosquitto, for both protocol versions. */
class MqttConnectorTckTest {

    @Nested
    class Mqtt5 extends ConnectorTck {
        @Override
        protected TckProvider provider() {
            return new MqttTckProvider(MqttConfig.V5);
        }
    }

    /** 3.1.1: the tests needing content type, correlation id or reply address are skipped ({@link Mqtt311WireLimits}). */
    @Nested
    @ExtendWith(Mqtt311WireLimits.class)
    class Mqtt311 extends ConnectorTck {
        @Override
        protected TckProvider provider() {
            return new MqttTckProvider(MqttConfig.V3);
        }
    }
}
