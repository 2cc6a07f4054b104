package dev.tributary.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.tributary.Channel;
import dev.tributary.Publisher;

/**
 * The Tributary publishers of the MQTT benchmark, injected with {@code @Channel} as an application would; each
 * channel's topic, connector and QoS come from {@code tributary.channels.<channel>.*}. {@code byte[]} bodies are
 * passed through (no content type).
 */
@ApplicationScoped
public class MqttPublishers {

    @Inject
    @Channel("mqtt-publish-qos0")
    Publisher<byte[]> publishQos0;

    @Inject
    @Channel("mqtt-publish-qos1")
    Publisher<byte[]> publishQos1;

    @Inject
    @Channel("mqtt-e2e-qos0-out")
    Publisher<byte[]> e2eQos0;

    @Inject
    @Channel("mqtt-e2e-qos1-out")
    Publisher<byte[]> e2eQos1;

    Publisher<byte[]> of(MqttCase c) {
        return switch (c) {
            case PUBLISH_QOS0 -> publishQos0;
            case PUBLISH_QOS1 -> publishQos1;
            case E2E_QOS0 -> e2eQos0;
            case E2E_QOS1 -> e2eQos1;
            default -> throw new IllegalArgumentException(c.key + " publishes nothing");
        };
    }
}
