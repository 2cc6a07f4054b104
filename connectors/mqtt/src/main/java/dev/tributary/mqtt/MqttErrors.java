package dev.tributary.mqtt;

import dev.tributary.TributaryException;

/**
 * The MQTT connector's message catalogue: every error and log line a user may see, with its stable code
 * {@code TRB-MQT0nn}. The module README lists them.
 */
final class MqttErrors {

    private MqttErrors() {
    }

    static TributaryException invalidConfig(String connector, String key, String value, String expected) {
        return new TributaryException("TRB-MQT001", "tributary.connectors." + connector + "." + key + " = '" + value
                + "' is not valid; expected " + expected);
    }

    static TributaryException closed(String connector) {
        return new TributaryException("TRB-MQT002", "MQTT connector '" + connector
                + "' is closed or not started; it accepts no publishes, subscriptions or requests");
    }

    static TributaryException connectFailed(String connector, String where, Throwable cause) {
        return new TributaryException("TRB-MQT003", "MQTT connector '" + connector + "' could not connect to " + where
                + ": " + describe(cause) + ". Check host, port, TLS and that the broker runs", cause);
    }

    static TributaryException notAuthorized(String connector, String where, String reason, Throwable cause) {
        return new TributaryException("TRB-MQT004", "MQTT connector '" + connector + "': the broker at " + where
                + " refused the connection (" + reason + "); check username and password. Not retried", cause);
    }

    static TributaryException wildcardPublish(String topic) {
        return new TributaryException("TRB-MQT005", "cannot publish to '" + topic
                + "': an MQTT topic name must not be empty or contain the wildcards + or #; publish to a concrete topic");
    }

    static TributaryException headersOnV3(String topic, java.util.Set<String> names) {
        return new TributaryException("TRB-MQT006", "cannot publish headers " + names + " to '" + topic
                + "': MQTT 3.1.1 carries the payload only. Use version 5.0 (User Properties) or put them in the body");
    }

    static TributaryException publishTimeout(String connector, String topic, int qos, long millis) {
        return new TributaryException("TRB-MQT007", "MQTT connector '" + connector + "': the publish to '" + topic
                + "' at QoS " + qos + " was not acknowledged within " + millis
                + " ms (broker unreachable or slow); raise publish.timeout or check the connection."
                + " The client may still deliver it after reconnecting");
    }

    static TributaryException publishRefused(String connector, String topic, String reason) {
        return new TributaryException("TRB-MQT008", "MQTT connector '" + connector + "': the broker refused the publish to '"
                + topic + "': " + reason);
    }

    static TributaryException subscribeRefused(String connector, String filter, String reason) {
        return new TributaryException("TRB-MQT009", "MQTT connector '" + connector + "': the broker refused the subscription to '"
                + filter + "': " + reason + ". Check the topic filter and the broker's ACL");
    }

    static TributaryException reconnectGivenUp(String connector, int attempts, Throwable cause) {
        return new TributaryException("TRB-MQT010", "MQTT connector '" + connector + "' gave up reconnecting after "
                + attempts + " attempts (reconnect.max-attempts): " + describe(cause), cause);
    }

    static TributaryException requestNeedsReplyTopic(String topic) {
        return new TributaryException("TRB-MQT011", "cannot send a request to '" + topic
                + "' over MQTT 3.1.1 without a reply topic: 3.1.1 has no Response Topic nor Correlation Data. Give an"
                + " agreed reply topic (PublishOptions.builder().replyTo(...)) or use version 5.0");
    }

    static TributaryException replyTopicBusy(String replyTopic) {
        return new TributaryException("TRB-MQT012", "a request waiting on the MQTT 3.1.1 reply topic '" + replyTopic
                + "' has no reply yet; 3.1.1 cannot tell replies apart, so one request per reply topic at a time");
    }

    static TributaryException duplicateCorrelationId(String correlationId) {
        return new TributaryException("TRB-MQT013", "a request with correlation id '" + correlationId
                + "' is already waiting for its reply; give each request its own correlation id");
    }

    static TributaryException requestAbandoned(String connector, String topic) {
        return new TributaryException("TRB-MQT014", "the request to '" + topic + "' on MQTT connector '" + connector
                + "' was abandoned because the connector closed before a reply arrived");
    }

    static TributaryException invalidHeader(String topic, String name) {
        return new TributaryException("TRB-MQT015", "cannot publish to '" + topic + "': header '" + name
                + "' has no value; MQTT 5 User Properties are non-null strings");
    }

    static TributaryException invalidOption(String where, String key, Object value, String expected) {
        return new TributaryException("TRB-MQT016", where + ": option " + key + " = '" + value + "' is not valid; expected "
                + expected);
    }

    // TRB-MQT017: warning, QoS 0 message dropped while paused (MqttSubscription)
    // TRB-MQT018: warning, connection lost, reconnecting (MqttReconnect)

    static TributaryException tlsSetup(String connector, String what, Throwable cause) {
        return new TributaryException("TRB-MQT019", "MQTT connector '" + connector + "': cannot set up TLS (" + what
                + "): " + describe(cause), cause);
    }

    static TributaryException publishFailed(String connector, String topic, Throwable cause) {
        return new TributaryException("TRB-MQT020", "MQTT connector '" + connector + "': the publish to '" + topic
                + "' failed: " + describe(cause), cause);
    }

    static TributaryException subscribeTimeout(String connector, String filter, long millis) {
        return new TributaryException("TRB-MQT021", "MQTT connector '" + connector + "': no answer to the subscription to '"
                + filter + "' within " + millis + " ms (connect.timeout); the client subscribes when the connection is back");
    }

    static TributaryException notConnected(String connector, String topic, String where, Throwable cause) {
        return new TributaryException("TRB-MQT026", "MQTT connector '" + connector + "' is not connected to " + where
                + " (reconnecting); the publish to '" + topic + "' was not sent", cause);
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "unknown cause";
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m != null ? ": " + m : "");
    }
}
