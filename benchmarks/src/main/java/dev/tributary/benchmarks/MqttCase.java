package dev.tributary.benchmarks;

import java.util.Locale;

/** One case of the MQTT benchmark: what is timed and at which QoS. Bodies are always 100 opaque bytes. */
enum MqttCase {
    PUBLISH_QOS0(Kind.PUBLISH, 0),
    PUBLISH_QOS1(Kind.PUBLISH, 1),
    CONSUME_QOS0(Kind.CONSUME, 0),
    CONSUME_QOS1(Kind.CONSUME, 1),
    E2E_QOS0(Kind.END_TO_END, 0),
    E2E_QOS1(Kind.END_TO_END, 1);

    /** What a run times. */
    enum Kind {
        /** Publishes only (nobody subscribes): first publish → last publish acknowledged (QoS 0: written). */
        PUBLISH,
        /** Consumes only: a backlog the broker holds for a persistent session, first message handled → last. */
        CONSUME,
        /** One connection publishes and consumes its own messages: first publish → last message handled. */
        END_TO_END
    }

    final Kind kind;
    final int qos;
    final String key;

    MqttCase(Kind kind, int qos) {
        this.kind = kind;
        this.qos = qos;
        this.key = (kind == Kind.PUBLISH ? "publish" : kind == Kind.CONSUME ? "consume" : "e2e") + "-qos" + qos;
    }

    /** The Tributary channel of this case (publishing or consuming). */
    String channel() {
        return "mqtt-" + key;
    }

    /** The topic of this case; {@code side} keeps raw and Tributary traffic apart. */
    String topic(String side) {
        return "bench/" + side + "/" + key;
    }

    static MqttCase byKey(String key) {
        for (MqttCase c : values()) {
            if (c.key.equals(key.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown MQTT case " + key);
    }
}
