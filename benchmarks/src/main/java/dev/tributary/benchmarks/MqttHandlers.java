package dev.tributary.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tributary.Incoming;

/** Tributary handlers of the end-to-end cases: the body bytes as received, default ack policy and workers. */
@ApplicationScoped
public class MqttHandlers {

    @Incoming("mqtt-e2e-qos0")
    public void qos0(byte[] body) {
        MqttRun.handledByCurrent(body);
    }

    @Incoming("mqtt-e2e-qos1")
    public void qos1(byte[] body) {
        MqttRun.handledByCurrent(body);
    }
}
