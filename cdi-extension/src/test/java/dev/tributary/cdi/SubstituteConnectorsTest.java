package dev.tributary.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.Incoming;
import dev.tributary.PathParam;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The test-broker hook: every connector runs on the memory provider with the replaced broker's address syntax. */
class SubstituteConnectorsTest {
    static final List<String> GOT = new CopyOnWriteArrayList<>();

    @ApplicationScoped
    static class MqttApp {
        @Incoming(value = "sensors/{id}/temp", connector = "broker")
        void on(String body, @PathParam("id") String id) {
            GOT.add(id + "=" + body);
        }
    }

    @Test
    void mqttHandlersRunInMemoryUnchanged() {
        GOT.clear();
        try (TestApp app = TestApp.start(TestApp.config("tributary.connectors.broker.type", "mqtt",
                "tributary.testing.substitute-connectors", "true"), MqttApp.class)) {
            assertThat(app.connector("broker").type()).isEqualTo("memory");
            assertThat(app.connector("broker").addressSyntax().name()).isEqualTo("mqtt");
            app.sendRaw("broker", "sensors/s1/temp", "21".getBytes(), "text/plain", java.util.Map.of(), null);
            await().atMost(Duration.ofSeconds(5)).until(() -> GOT.contains("s1=21"));
        }
    }
}
