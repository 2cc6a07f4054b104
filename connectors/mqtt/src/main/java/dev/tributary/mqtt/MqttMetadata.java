package dev.tributary.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the broker sent with an MQTT message. A handler may declare a parameter of this type. Immutable.
 * On 3.1.1 only {@code topic}, {@code qos} and {@code retain} are filled; the 5.0 PUBLISH properties are
 * {@code null} or empty there.
 *
 * <p>Not here, because the HiveMQ client 1.3 does not expose them on a received message: the DUP flag (the
 * client handles redelivery itself), the topic alias (resolved to the topic by the client) and subscription
 * identifiers (used by the client to route messages to subscriptions).
 *
 * @param topic the concrete topic the message was published to
 * @param qos the QoS it was delivered with (0, 1, 2)
 * @param retain whether it is a retained message
 * @param protocolVersion {@code 5.0} or {@code 3.1.1}
 * @param messageExpirySeconds 5.0 Message Expiry Interval in seconds, or {@code null}
 * @param contentType 5.0 Content Type, or {@code null}
 * @param responseTopic 5.0 Response Topic, or {@code null}
 * @param correlationData 5.0 Correlation Data as sent, or {@code null} (do not modify the array)
 * @param userProperties 5.0 User Properties in order, repeated names kept (headers keep the last value)
 * @param payloadFormat 5.0 Payload Format Indicator: {@code utf-8}, {@code unspecified}, or {@code null} when absent
 */
public record MqttMetadata(String topic, int qos, boolean retain, String protocolVersion, Long messageExpirySeconds,
        String contentType, String responseTopic, byte[] correlationData, List<UserProperty> userProperties,
        String payloadFormat) {

    /** One MQTT 5 User Property. */
    public record UserProperty(String name, String value) {
    }

    /** The Correlation Data as UTF-8 text, or {@code null}. */
    public String correlationText() {
        return correlationData == null ? null : new String(correlationData, StandardCharsets.UTF_8);
    }
}
