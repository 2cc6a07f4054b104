package dev.tributary.memory.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.memory.MemoryConnector;
import dev.tributary.memory.testing.app.Telemetry;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Discovery off: only the listed bean classes are deployed (the runtime's portable extension is still
 * loaded). The test instance is created before the container here ({@code PER_CLASS}), and the other test
 * class's properties are not visible.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TributaryTest(discovery = false, beanClasses = Telemetry.class, properties = "tributary.connectors.nats.type=nats")
class TestBrokerWithoutDiscoveryTest {

    @Inject
    BeanManager beans;

    @Inject
    Telemetry telemetry;

    @Test
    void onlyTheListedBeansAndTheirConnectorRun(TestBroker broker) {
        assertThat(telemetry).isNotNull();
        assertThat(beans.getBeans(dev.tributary.memory.testing.app.Shop.class)).isEmpty();
        assertThat(broker.connectors()).extracting(MemoryConnector::name).containsExactly("nats");
        assertThat(System.getProperty("tributary.connectors.kafka.type")).as("no leak from other classes").isNull();

        broker.publish("5", "metrics.disk");

        broker.assertCalledWith(Telemetry.class, "metric", "5");
    }

    @Test
    void publishingWhereNobodyListensIsFine(TestBroker broker) {
        broker.publish("lost", "nobody.listens");

        assertThat(broker.calls()).isEmpty();
    }
}
