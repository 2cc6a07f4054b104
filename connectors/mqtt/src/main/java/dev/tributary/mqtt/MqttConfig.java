package dev.tributary.mqtt;

import dev.tributary.spi.ConnectorConfig;
import dev.tributary.spi.CorrelationIdPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The MQTT connector's settings, declared once: keys of {@code tributary.connectors.<name>.*}, their defaults
 * and meaning. The module README's table lists exactly {@link #KEYS} (a test checks it). Immutable.
 *
 * @param host {@value #HOST}: the broker host. Default {@code localhost}.
 * @param port {@value #PORT}: the broker port. Default 1883.
 * @param version {@value #VERSION}: the protocol, {@code 5.0} (default) or {@code 3.1.1}.
 * @param clientId {@value #CLIENT_ID}: the client identifier. Default: {@code tributary-} and a random suffix,
 *        new on every start. A persistent session (redelivery of unacknowledged messages) needs a stable one.
 * @param keepAlive {@value #KEEP_ALIVE}: the keep-alive interval. Default 60 s.
 * @param cleanStart {@value #CLEAN_START}: 5.0 clean start / 3.1.1 clean session. Default {@code true}: the
 *        broker forgets the session (subscriptions, unacknowledged messages) on connect.
 * @param sessionExpiry {@value #SESSION_EXPIRY}: 5.0 only: how long the broker keeps the session after a
 *        disconnect. Default 0 (the session ends with the connection).
 * @param receiveMaximum {@value #RECEIVE_MAXIMUM}: 5.0 only: how many unacknowledged QoS 1/2 messages the broker
 *        may send this client at once; also the bound on QoS 0 messages buffered while a subscription is paused.
 *        Default 1024.
 * @param qos {@value #QOS}: the default QoS of subscriptions and publishes (0, 1 or 2). Default 1.
 * @param username {@value #USERNAME}: user name, or none.
 * @param password {@value #PASSWORD}: password, or none.
 * @param will the last will ({@code will.*} keys), or {@code null} when {@value #WILL_TOPIC} is not set.
 * @param reconnect the reconnect policy ({@code reconnect.*} keys).
 * @param tls the TLS settings ({@code tls.*} keys), or {@code null} when {@value #TLS_ENABLED} is false.
 * @param connectTimeout {@value #CONNECT_TIMEOUT}: how long the first connect and each subscribe wait for the
 *        broker's answer. Default 10 s.
 * @param publishTimeout {@value #PUBLISH_TIMEOUT}: how long a publish waits for the broker's acknowledgement at its
 *        QoS before its stage fails with {@code TRB-MQT007}. Default 10 s.
 * @param requestTimeout {@value #REQUEST_TIMEOUT}: the timeout of a request that gives none. Default 30 s.
 * @param replyTopicPrefix {@value #REPLY_TOPIC_PREFIX}: 5.0 request/reply: replies come to
 *        {@code <prefix>/<random id>}, one topic per connector. Default {@code tributary/replies}.
 * @param correlationId {@value #CORRELATION_ID}: 5.0: when a publish carries Correlation Data: {@code auto} (default)
 *        when the id links the message to something (given, inherited, a request's or a reply's), not for an id the
 *        runtime made up for a plain publish; {@code always}; {@code omit} (requests only). A publishing channel's
 *        own {@code correlation-id} option wins.
 */
public record MqttConfig(String host, int port, String version, String clientId, Duration keepAlive,
        boolean cleanStart, Duration sessionExpiry, int receiveMaximum, int qos, String username, String password,
        Will will, Reconnect reconnect, Tls tls, Duration connectTimeout, Duration publishTimeout,
        Duration requestTimeout, String replyTopicPrefix, CorrelationIdPolicy correlationId) {

    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String VERSION = "version";
    public static final String CLIENT_ID = "client-id";
    public static final String KEEP_ALIVE = "keep-alive";
    public static final String CLEAN_START = "clean-start";
    public static final String SESSION_EXPIRY = "session-expiry";
    public static final String RECEIVE_MAXIMUM = "receive-maximum";
    public static final String QOS = "qos";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String WILL_TOPIC = "will.topic";
    public static final String WILL_PAYLOAD = "will.payload";
    public static final String WILL_QOS = "will.qos";
    public static final String WILL_RETAIN = "will.retain";
    public static final String WILL_CONTENT_TYPE = "will.content-type";
    public static final String WILL_MESSAGE_EXPIRY = "will.message-expiry";
    public static final String WILL_DELAY = "will.delay";
    public static final String RECONNECT_ENABLED = "reconnect.enabled";
    public static final String RECONNECT_INITIAL_DELAY = "reconnect.initial-delay";
    public static final String RECONNECT_MAX_DELAY = "reconnect.max-delay";
    public static final String RECONNECT_FACTOR = "reconnect.factor";
    public static final String RECONNECT_MAX_ATTEMPTS = "reconnect.max-attempts";
    public static final String TLS_ENABLED = "tls.enabled";
    public static final String TLS_TRUST_STORE = "tls.trust-store";
    public static final String TLS_TRUST_STORE_PASSWORD = "tls.trust-store-password";
    public static final String TLS_TRUST_STORE_TYPE = "tls.trust-store-type";
    public static final String TLS_KEY_STORE = "tls.key-store";
    public static final String TLS_KEY_STORE_PASSWORD = "tls.key-store-password";
    public static final String TLS_KEY_STORE_TYPE = "tls.key-store-type";
    public static final String TLS_HOSTNAME_VERIFICATION = "tls.hostname-verification";
    public static final String CONNECT_TIMEOUT = "connect.timeout";
    public static final String PUBLISH_TIMEOUT = "publish.timeout";
    public static final String REQUEST_TIMEOUT = "request.timeout";
    public static final String REPLY_TOPIC_PREFIX = "reply-topic-prefix";
    public static final String CORRELATION_ID = CorrelationIdPolicy.KEY;

    /** Every key, in documentation order. */
    public static final List<String> KEYS = List.of(HOST, PORT, VERSION, CLIENT_ID, KEEP_ALIVE, CLEAN_START,
            SESSION_EXPIRY, RECEIVE_MAXIMUM, QOS, USERNAME, PASSWORD, WILL_TOPIC, WILL_PAYLOAD, WILL_QOS, WILL_RETAIN,
            WILL_CONTENT_TYPE, WILL_MESSAGE_EXPIRY, WILL_DELAY, RECONNECT_ENABLED, RECONNECT_INITIAL_DELAY,
            RECONNECT_MAX_DELAY, RECONNECT_FACTOR, RECONNECT_MAX_ATTEMPTS, TLS_ENABLED, TLS_TRUST_STORE,
            TLS_TRUST_STORE_PASSWORD, TLS_TRUST_STORE_TYPE, TLS_KEY_STORE, TLS_KEY_STORE_PASSWORD, TLS_KEY_STORE_TYPE,
            TLS_HOSTNAME_VERIFICATION, CONNECT_TIMEOUT, PUBLISH_TIMEOUT, REQUEST_TIMEOUT, REPLY_TOPIC_PREFIX, CORRELATION_ID);

    /** Protocol version 5.0. */
    public static final String V5 = "5.0";
    /** Protocol version 3.1.1. */
    public static final String V3 = "3.1.1";

    /**
     * The last will, published by the broker when the connection drops without a DISCONNECT.
     *
     * @param topic {@value #WILL_TOPIC}
     * @param payload {@value #WILL_PAYLOAD}: UTF-8 text. Default empty.
     * @param qos {@value #WILL_QOS}: default 0
     * @param retain {@value #WILL_RETAIN}: default false
     * @param contentType {@value #WILL_CONTENT_TYPE}: 5.0 Content Type property, or none
     * @param messageExpiry {@value #WILL_MESSAGE_EXPIRY}: 5.0 message expiry, or {@code null}
     * @param delay {@value #WILL_DELAY}: 5.0 will delay interval, or {@code null}
     */
    public record Will(String topic, String payload, int qos, boolean retain, String contentType,
            Duration messageExpiry, Duration delay) {
    }

    /**
     * Automatic reconnect after a lost connection. Delays grow from {@code initialDelay} by {@code factor} up to
     * {@code maxDelay}; refused credentials are never retried; subscriptions are restored after a reconnect.
     *
     * @param enabled {@value #RECONNECT_ENABLED}: default true
     * @param initialDelay {@value #RECONNECT_INITIAL_DELAY}: default 500 ms
     * @param maxDelay {@value #RECONNECT_MAX_DELAY}: default 30 s
     * @param factor {@value #RECONNECT_FACTOR}: default 2.0
     * @param maxAttempts {@value #RECONNECT_MAX_ATTEMPTS}: attempts per outage before giving up; -1 (default): forever
     */
    public record Reconnect(boolean enabled, Duration initialDelay, Duration maxDelay, double factor, int maxAttempts) {

        /** The delay before attempt {@code attempt} (1-based). */
        public Duration delay(int attempt) {
            double millis = initialDelay.toMillis() * Math.pow(factor, Math.max(0, attempt - 1));
            return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
        }
    }

    /**
     * TLS, configured inside the HiveMQ transport configuration.
     *
     * @param trustStore {@value #TLS_TRUST_STORE}: path of the trust store; none: the JVM's default trust
     * @param trustStorePassword {@value #TLS_TRUST_STORE_PASSWORD}
     * @param trustStoreType {@value #TLS_TRUST_STORE_TYPE}: default PKCS12
     * @param keyStore {@value #TLS_KEY_STORE}: path of a key store with a client certificate, or none
     * @param keyStorePassword {@value #TLS_KEY_STORE_PASSWORD}
     * @param keyStoreType {@value #TLS_KEY_STORE_TYPE}: default PKCS12
     * @param hostnameVerification {@value #TLS_HOSTNAME_VERIFICATION}: default true
     */
    public record Tls(String trustStore, String trustStorePassword, String trustStoreType, String keyStore,
            String keyStorePassword, String keyStoreType, boolean hostnameVerification) {
    }

    /** Whether the protocol is MQTT 5.0. */
    public boolean isV5() {
        return V5.equals(version);
    }

    /** Whether the broker keeps the session across connections (no clean start, and on 5.0 an expiry above 0). */
    public boolean persistentSession() {
        return !cleanStart && (!isV5() || !sessionExpiry.isZero());
    }

    /** Reads a connector section; fails with a coded {@link dev.tributary.TributaryException} on an invalid value. */
    public static MqttConfig from(ConnectorConfig c) {
        String version = version(c);
        int qos = qos(c, QOS, c.getInt(QOS, 1));
        Will will = null;
        String willTopic = blankToNull(c.get(WILL_TOPIC, null));
        if (willTopic != null) {
            if (MqttTopics.hasWildcard(willTopic)) {
                throw MqttErrors.invalidConfig(c.name(), WILL_TOPIC, willTopic, "a topic without + or #");
            }
            will = new Will(willTopic, c.get(WILL_PAYLOAD, ""), qos(c, WILL_QOS, c.getInt(WILL_QOS, 0)),
                    c.getBoolean(WILL_RETAIN, false), blankToNull(c.get(WILL_CONTENT_TYPE, null)),
                    c.getDuration(WILL_MESSAGE_EXPIRY, null), c.getDuration(WILL_DELAY, null));
        }
        Reconnect reconnect = new Reconnect(c.getBoolean(RECONNECT_ENABLED, true),
                c.getDuration(RECONNECT_INITIAL_DELAY, Duration.ofMillis(500)),
                c.getDuration(RECONNECT_MAX_DELAY, Duration.ofSeconds(30)), factor(c), c.getInt(RECONNECT_MAX_ATTEMPTS, -1));
        Tls tls = null;
        if (c.getBoolean(TLS_ENABLED, false)) {
            tls = new Tls(blankToNull(c.get(TLS_TRUST_STORE, null)), c.get(TLS_TRUST_STORE_PASSWORD, ""),
                    c.get(TLS_TRUST_STORE_TYPE, "PKCS12"), blankToNull(c.get(TLS_KEY_STORE, null)),
                    c.get(TLS_KEY_STORE_PASSWORD, ""), c.get(TLS_KEY_STORE_TYPE, "PKCS12"),
                    c.getBoolean(TLS_HOSTNAME_VERIFICATION, true));
        }
        int port = c.getInt(PORT, 1883);
        if (port < 1 || port > 65535) {
            throw MqttErrors.invalidConfig(c.name(), PORT, String.valueOf(port), "a port between 1 and 65535");
        }
        int receiveMaximum = c.getInt(RECEIVE_MAXIMUM, 1024);
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw MqttErrors.invalidConfig(c.name(), RECEIVE_MAXIMUM, String.valueOf(receiveMaximum),
                    "a number between 1 and 65535");
        }
        String clientId = blankToNull(c.get(CLIENT_ID, null));
        return new MqttConfig(c.get(HOST, "localhost").trim(), port, version,
                clientId != null ? clientId : "tributary-" + UUID.randomUUID().toString().substring(0, 13),
                c.getDuration(KEEP_ALIVE, Duration.ofSeconds(60)), c.getBoolean(CLEAN_START, true),
                c.getDuration(SESSION_EXPIRY, Duration.ZERO), receiveMaximum, qos,
                blankToNull(c.get(USERNAME, null)), c.get(PASSWORD).orElse(null), will, reconnect, tls,
                c.getDuration(CONNECT_TIMEOUT, Duration.ofSeconds(10)),
                c.getDuration(PUBLISH_TIMEOUT, Duration.ofSeconds(10)),
                c.getDuration(REQUEST_TIMEOUT, Duration.ofSeconds(30)),
                trimSlashes(c.get(REPLY_TOPIC_PREFIX, "tributary/replies")),
                CorrelationIdPolicy.parse(c.get(CORRELATION_ID, null), CorrelationIdPolicy.AUTO,
                        expected -> MqttErrors.invalidConfig(c.name(), CORRELATION_ID, c.get(CORRELATION_ID, null),
                                expected)));
    }

    /** The defaults (no configuration). */
    public static MqttConfig defaults() {
        return from(new ConnectorConfig("mqtt", Map.of()));
    }

    private static String version(ConnectorConfig c) {
        String v = c.get(VERSION, V5).trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "5", "5.0", "mqtt5", "v5" -> V5;
            case "3", "3.1.1", "mqtt3", "v3", "3.1" -> V3;
            default -> throw MqttErrors.invalidConfig(c.name(), VERSION, v, "5.0 or 3.1.1");
        };
    }

    static int qos(ConnectorConfig c, String key, int qos) {
        if (qos < 0 || qos > 2) {
            throw MqttErrors.invalidConfig(c.name(), key, String.valueOf(qos), "0, 1 or 2");
        }
        return qos;
    }

    private static double factor(ConnectorConfig c) {
        String v = c.get(RECONNECT_FACTOR, "2.0");
        try {
            double f = Double.parseDouble(v.trim());
            if (f >= 1.0) {
                return f;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw MqttErrors.invalidConfig(c.name(), RECONNECT_FACTOR, v, "a number of at least 1.0");
    }

    private static String trimSlashes(String s) {
        String t = s.trim();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.isEmpty() ? "tributary/replies" : t;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public String toString() {
        // never print the password
        return "MqttConfig[" + host + ":" + port + ", " + version + ", client-id " + clientId + ", clean-start "
                + cleanStart + ", session-expiry " + sessionExpiry + ", tls " + (tls != null) + "]";
    }
}
