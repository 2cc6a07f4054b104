package dev.tributary.mqtt;

import dev.tributary.TributaryException;
import dev.tributary.spi.CorrelationIdPolicy;
import dev.tributary.spi.DestinationSpec;
import dev.tributary.spi.OutboundMessage;
import dev.tributary.spi.Sender;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Publishes to MQTT for one destination. QoS, retain and message expiry come from, in order: the publish's connector
 * options ({@code "qos"}, {@code "retain"}, {@code "message-expiry"}), the channel's options, {@link MqttOptions} at
 * the publishing point, the connector's {@code qos}. The stage completes when the broker acknowledged at that QoS
 * (QoS 0: when the client wrote it) and fails with a coded error otherwise, within {@code publish.timeout}.
 * Refuses topics with wildcards ({@code TRB-MQT005}) and, on 3.1.1, headers ({@code TRB-MQT006}). The correlation id
 * goes into 5.0 Correlation Data as {@link CorrelationIdPolicy} says (the channel's {@code correlation-id} option,
 * else the connector's). Thread-safe.
 */
final class MqttSender implements Sender {

    static final String QOS = "qos";
    static final String RETAIN = "retain";
    static final String MESSAGE_EXPIRY = "message-expiry";

    private final MqttConnector connector;
    private final String where;
    private final int qos;
    private final boolean retain;
    private final Long expirySeconds;
    private final CorrelationIdPolicy correlationIds;

    MqttSender(MqttConnector connector, DestinationSpec spec) {
        this.connector = connector;
        this.where = spec == null ? "publisher" : "channel '" + spec.channel() + "'";
        MqttOptions ann = spec == null ? null : annotation(spec);
        Map<String, String> opts = spec == null ? Map.of() : spec.options();
        int q = ann != null && ann.qos() >= 0 ? ann.qos() : connector.config().qos();
        this.qos = opts.containsKey(QOS) ? qos(where, opts.get(QOS)) : checkQos(where, q);
        this.retain = opts.containsKey(RETAIN) ? bool(where, RETAIN, opts.get(RETAIN)) : ann != null && ann.retain();
        Long e = ann != null && ann.messageExpirySeconds() >= 0 ? ann.messageExpirySeconds() : null;
        this.expirySeconds = opts.containsKey(MESSAGE_EXPIRY) ? seconds(where, opts.get(MESSAGE_EXPIRY)) : e;
        String cid = opts.get(CorrelationIdPolicy.KEY);
        this.correlationIds = CorrelationIdPolicy.parse(cid, connector.config().correlationId(),
                expected -> MqttErrors.invalidOption(where, CorrelationIdPolicy.KEY, cid, expected));
    }

    private static MqttOptions annotation(DestinationSpec spec) {
        for (var a : spec.annotations()) {
            if (a instanceof MqttOptions o) {
                return o;
            }
        }
        return null;
    }

    @Override
    public CompletionStage<Void> send(OutboundMessage m) {
        try {
            return connector.publish(outgoing(m));
        } catch (TributaryException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    MqttLink.MqttOutgoing outgoing(OutboundMessage m) {
        String topic = m.address();
        if (MqttTopics.hasWildcard(topic)) {
            throw MqttErrors.wildcardPublish(topic);
        }
        Map<String, String> headers = m.headers() == null ? Map.of() : m.headers();
        if (!headers.isEmpty()) {
            if (!connector.config().isV5()) {
                throw MqttErrors.headersOnV3(topic, headers.keySet());
            }
            headers.forEach((k, v) -> {
                if (k == null || v == null) {
                    throw MqttErrors.invalidHeader(topic, String.valueOf(k));
                }
            });
        }
        Map<String, Object> o = m.options() == null ? Map.of() : m.options();
        int q = o.containsKey(QOS) ? qos(where, o.get(QOS)) : qos;
        boolean r = o.containsKey(RETAIN) ? bool(where, RETAIN, o.get(RETAIN)) : retain;
        Long expiry = o.containsKey(MESSAGE_EXPIRY) ? seconds(where, o.get(MESSAGE_EXPIRY)) : expirySeconds;
        return new MqttLink.MqttOutgoing(topic, m.body(), q, r, expiry, m.contentType(),
                correlationIds.writes(m) ? m.correlationId() : null, m.replyTo(), headers);
    }

    static int qos(String where, Object v) {
        int q;
        if (v instanceof Number n) {
            q = n.intValue();
        } else {
            try {
                q = Integer.parseInt(String.valueOf(v).trim());
            } catch (NumberFormatException e) {
                throw MqttErrors.invalidOption(where, QOS, v, "0, 1 or 2");
            }
        }
        return checkQos(where, q);
    }

    private static int checkQos(String where, int q) {
        if (q < 0 || q > 2) {
            throw MqttErrors.invalidOption(where, QOS, q, "0, 1 or 2");
        }
        return q;
    }

    static boolean bool(String where, String key, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw MqttErrors.invalidOption(where, key, v, "true or false");
    }

    private static Long seconds(String where, Object v) {
        if (v instanceof Duration d) {
            return d.toSeconds();
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return dev.tributary.spi.ConnectorConfig.parseDuration(MESSAGE_EXPIRY, String.valueOf(v).trim().matches("\\d+")
                    ? v + "s" : String.valueOf(v)).toSeconds();
        } catch (TributaryException e) {
            throw MqttErrors.invalidOption(where, MESSAGE_EXPIRY, v, "seconds or a duration such as 30s");
        }
    }
}
