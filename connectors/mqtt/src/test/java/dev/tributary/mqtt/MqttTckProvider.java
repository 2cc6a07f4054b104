package dev.tributary.mqtt;

import dev.tributary.tck.TckProvider;
import dev.tributary.tck.brokers.MosquittoBroker;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The TCK provider of the MQTT connector for one protocol version. Both versions share one Mosquitto for the test
 * JVM (the TCK stops and restarts it for its outage tests; it keeps its port). Short timeouts, as the TCK asks.
 */
final class MqttTckProvider implements TckProvider {

    /** One Mosquitto for the TCK in this JVM; the launcher closes it at JVM exit. */
    private static final MosquittoBroker BROKER = new MosquittoBroker();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    private final String version;

    MqttTckProvider(String version) {
        this.version = version;
    }

    @Override
    public String name() {
        return "mqtt-" + version;
    }

    @Override
    public String connectorType() {
        return MqttConnectorProvider.TYPE;
    }

    @Override
    public void startBroker() {
        BROKER.start();
    }

    @Override
    public void stopBroker() {
        BROKER.stop();
    }

    @Override
    public Map<String, String> connectorConfig() {
        return Map.of(MqttConfig.HOST, BROKER.host(), MqttConfig.PORT, String.valueOf(BROKER.port()),
                MqttConfig.VERSION, version, MqttConfig.PUBLISH_TIMEOUT, "2s", MqttConfig.CONNECT_TIMEOUT, "3s",
                MqttConfig.REQUEST_TIMEOUT, "5s", MqttConfig.RECONNECT_INITIAL_DELAY, "100ms",
                MqttConfig.RECONNECT_MAX_DELAY, "500ms");
    }

    @Override
    public String uniqueAddress(String hint) {
        return "tck-" + RUN + "-" + hint + "-" + SEQUENCE.incrementAndGet();
    }

    @Override
    public Duration publishTimeout() {
        return Duration.ofSeconds(2);
    }

    @Override
    public Duration patience() {
        return Duration.ofSeconds(10);
    }
}
