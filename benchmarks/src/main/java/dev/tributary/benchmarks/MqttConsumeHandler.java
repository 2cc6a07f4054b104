package dev.tributary.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tributary.Incoming;

/** Tributary handler of the consume cases (its own container per run): body bytes, default ack policy and workers. */
@ApplicationScoped
public class MqttConsumeHandler {

    static final String CHANNEL = "mqtt-consume";

    @Incoming(CHANNEL)
    public void handle(byte[] body) {
        MqttRun.handledByCurrent(body);
    }
}
