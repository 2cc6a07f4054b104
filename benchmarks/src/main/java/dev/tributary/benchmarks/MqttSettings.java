package dev.tributary.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tributary.tck.brokers.MosquittoBroker;

/**
 * The broker and client settings both sides use. The broker's are set explicitly (TESTING.md: Mosquitto's defaults
 * silently drop QoS 1/2 messages beyond 1000 queued per client, and its {@code max_inflight_messages} is also the
 * receive maximum it advertises to MQTT 5 clients, which bounds QoS 1 throughput).
 */
final class MqttSettings {

    /**
     * The HiveMQ client's version, for the report (its jar carries no Maven metadata and the shaded jar drops its
     * manifest): keep it equal to the parent pom's {@code hivemq-mqtt-client} version.
     */
    static final String HIVEMQ_CLIENT_VERSION = "1.3.17";
    /** 100 opaque bytes, the body of every message. */
    static final byte[] BODY = new byte[100];
    static final int KEEP_ALIVE_SECONDS = 60;
    /** Client receive maximum (sent in CONNECT); Tributary's default. */
    static final int RECEIVE_MAXIMUM = 1024;
    /**
     * Consume cases, both sides: the client receive maximum of the resuming session. Mosquitto 2.0.11 sends a resumed
     * session's backlog beyond a receive maximum of 1024 (the HiveMQ client then logs "more QoS 1 … than allowed by
     * receive maximum" and the flow stalls), so the consumers allow the protocol's largest window.
     */
    static final int CONSUME_RECEIVE_MAXIMUM = 65535;
    /** End to end: at most this many messages published and not yet handled (so QoS 0 is not dropped on the way). */
    static final int WINDOW = 500;
    /** Consume cases: how long the broker keeps the offline session with its backlog. */
    static final long SESSION_EXPIRY_SECONDS = 600;

    /** Mosquitto options, written into the launcher's configuration for both sides. */
    static final Map<String, String> BROKER = new LinkedHashMap<>();

    static {
        BROKER.put("max_inflight_messages", "100");
        BROKER.put("max_queued_messages", "2000000");
        BROKER.put("max_queued_bytes", "0");
        BROKER.put("queue_qos0_messages", "true");
        BROKER.put("persistence", "false");
        BROKER.put("set_tcp_nodelay", "true");
    }

    private MqttSettings() {
    }

    static MosquittoBroker broker() {
        MosquittoBroker broker = new MosquittoBroker();
        BROKER.forEach(broker::withOption);
        return broker;
    }

    static String describeBroker() {
        StringBuilder b = new StringBuilder();
        BROKER.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append('`').append(k).append(' ').append(v).append('`'));
        return b.toString();
    }

    static String describeClient() {
        return "MQTT 5.0, one connection per side for publish and end to end, clean start, keep-alive " + KEEP_ALIVE_SECONDS
                + " s, receive maximum " + RECEIVE_MAXIMUM + "; consume: a persistent session (clean start off, session expiry "
                + SESSION_EXPIRY_SECONDS + " s) per side; Tributary `publish.timeout` at its default (10 s)";
    }
}
