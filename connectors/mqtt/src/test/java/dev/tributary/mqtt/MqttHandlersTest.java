package dev.tributary.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.Incoming;
import dev.tributary.PathParam;
import dev.tributary.PublishOptions;
import dev.tributary.Publishers;
import dev.tributary.cdi.TributaryExtension;
import dev.tributary.tck.brokers.Brokers;
import dev.tributary.tck.brokers.MosquittoBroker;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Annotated handlers through the real runtime (Weld SE): {@code @PathParam} from an MQTT template,
 * {@link MqttMetadata} and {@link MqttOptions} on the handler, and a handler's return value answering a 5.0 request
 * through Response Topic + Correlation Data.
 */
@ExtendWith(Brokers.class)
class MqttHandlersTest {

    @ApplicationScoped
    public static class Thermo {
        private final List<String> seen = new CopyOnWriteArrayList<>();

        public List<String> seen() {
            return seen;
        }

        @Incoming(value = "handlers-e2e/{device}/temp", connector = "mqtt")
        @MqttOptions(qos = 2)
        public void temp(double degrees, @PathParam("device") String device, MqttMetadata meta) {
            seen.add(device + "=" + degrees + " qos" + meta.qos() + " " + meta.topic());
        }

        @Incoming(value = "handlers-e2e/quote", connector = "mqtt")
        public String quote(String item) {
            return "price of " + item;
        }
    }

    @Test
    void handlersBindPathParamsMetadataAndAnswerRequests(MosquittoBroker broker) {
        Map<String, String> config = Map.of(
                "tributary.connectors.mqtt.type", "mqtt",
                "tributary.connectors.mqtt.host", broker.host(),
                "tributary.connectors.mqtt.port", String.valueOf(broker.port()),
                "tributary.connectors.mqtt.version", "5.0",
                "tributary.shutdown.timeout", "2s");
        config.forEach(System::setProperty);
        release();
        Weld weld = new Weld("mqtt-handlers").disableDiscovery().addExtension(new TributaryExtension())
                .addBeanClass(Thermo.class);
        try (WeldContainer container = weld.initialize()) {
            Publishers publishers = container.select(Publishers.class).get();
            Thermo thermo = container.select(Thermo.class).get();

            // published at QoS 2, delivered at QoS 2 only because @MqttOptions(qos = 2) subscribed at 2 (default 1)
            publishers.channel("handlers-e2e/d7/temp", "mqtt", Double.class)
                    .publish(21.5, PublishOptions.builder().option("qos", 2).build()).toCompletableFuture()
                    .orTimeout(10, TimeUnit.SECONDS).join();
            await().atMost(Duration.ofSeconds(10)).until(() -> thermo.seen().size() == 1);
            assertThat(thermo.seen()).containsExactly("d7=21.5 qos2 handlers-e2e/d7/temp");

            String reply = publishers.channel("handlers-e2e/quote", "mqtt", String.class)
                    .request("tea", String.class, Duration.ofSeconds(5)).toCompletableFuture()
                    .orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(reply).isEqualTo("price of tea");
        } finally {
            config.keySet().forEach(System::clearProperty);
            release();
        }
    }

    private static void release() {
        try {
            ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        } catch (RuntimeException e) {
            // no config yet
        }
    }
}
