package dev.tributary.memory.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tributary.PublishOptions;
import dev.tributary.RequestTimeoutException;
import dev.tributary.memory.MemoryConnector;
import dev.tributary.memory.testing.app.Order;
import dev.tributary.memory.testing.app.Quote;
import dev.tributary.memory.testing.app.Sensors;
import dev.tributary.memory.testing.app.Shop;
import dev.tributary.memory.testing.app.Telemetry;
import dev.tributary.spi.AddressSyntax;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The test broker runs a fake application written for Kafka, MQTT and NATS on in-memory brokers, with
 * each broker's address matching, and without changing a line of it.
 */
@TributaryTest(packages = Shop.class, properties = {
        "tributary.connectors.kafka.type=kafka",
        "tributary.connectors.kafka.bootstrap.servers=localhost:1", // never contacted: substituted
        "tributary.connectors.mqtt.type=mqtt",
        "tributary.connectors.nats.type=nats"})
class TestBrokerTest {

    @Inject
    Shop shop;

    TestBroker broker; // set by the extension (no @Inject needed)

    @Test
    void everyConfiguredConnectorIsAMemoryConnectorWithItsBrokersSyntax(TestBroker fromParameter) {
        assertThat(fromParameter).isSameAs(broker);
        assertThat(broker.connectors()).extracting(MemoryConnector::name)
                .containsExactlyInAnyOrder("kafka", "mqtt", "nats");
        assertThat(broker.connector("kafka").addressSyntax()).isEqualTo(AddressSyntax.KAFKA);
        assertThat(broker.connector("mqtt").addressSyntax()).isEqualTo(AddressSyntax.MQTT);
        assertThat(broker.connector("nats").addressSyntax()).isEqualTo(AddressSyntax.NATS);
        assertThat(broker.connector("kafka").type()).isEqualTo("memory");
    }

    @Test
    void publishRunsTheHandlerAndRecordsTheDecodedBody() {
        broker.publish(new Order("o-1", 30), "orders", PublishOptions.builder().header("tenant", "acme").build());

        HandlerCall call = broker.assertCalledOnce(Shop.class, "order");
        assertThat(call.body()).isEqualTo(new Order("o-1", 30));
        assertThat(call.headers()).containsEntry("tenant", "acme");
        assertThat(call.address()).isEqualTo("orders");
        assertThat(call.failed()).isFalse();
        broker.assertCalledWith(Shop.class, "order", new Order("o-1", 30));
        // publish returned after the handler ran: no waiting needed
        assertThat(shop.seen()).containsExactly("o-1@acme");
    }

    @Test
    void recordedCallsStartEmptyInEveryTest() {
        assertThat(broker.calls()).isEmpty();
        broker.assertNotCalled(Shop.class, "order");
    }

    @Test
    void aHandlerExceptionIsRethrownToThePublisher() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> broker.publish(new Order("o-2", 1), "orders.refused"));

        assertThat(e).hasMessage("order o-2 refused");
        assertThat(broker.assertCalledOnce(Shop.class, "refuse").failure()).isSameAs(e);
    }

    @Test
    void aCheckedHandlerExceptionArrivesAsItself() {
        IOException e = assertThrows(IOException.class, () -> broker.publish("line 1", "orders.audit"));

        assertThat(e).hasMessage("audit log unavailable for line 1");
    }

    @Test
    void requestIsAnsweredByAHandler() {
        Quote quote = broker.request(new Order("o-3", 21), "quotes", Quote.class);

        assertThat(quote).isEqualTo(new Quote("o-3", 42));
        broker.assertCalledWith(Shop.class, "quote", new Order("o-3", 21));
    }

    @Test
    void requestRethrowsTheHandlersExceptionInsteadOfTimingOut() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> broker.request(new Order("o-4", 1), "quotes.broken", Quote.class))
                .isInstanceOf(ArithmeticException.class).hasMessage("no price for o-4");
        assertThat(System.nanoTime() - start).as("well before the 10 s timeout").isLessThan(5_000_000_000L);
    }

    @Test
    void requestWithoutResponderTimesOut() {
        assertThatThrownBy(() -> broker.withTimeout(Duration.ofMillis(200)).request("x", "nobody.listens", String.class))
                .isInstanceOf(RequestTimeoutException.class).hasMessageContaining("TRB-RUN031");
    }

    @Test
    void aNackOnErrorHandlerFailsOnceInsteadOfLoopingForever() {
        assertThatThrownBy(() -> broker.publish(new Order("o-10", 1), "orders.retry"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot handle o-10 yet");

        assertThat(broker.calls(Shop.class, "retry")).hasSize(1);
    }

    @Test
    void publishWaitsForAnAckFirstHandlerToFinish() {
        broker.publish(new Order("o-11", 1), "orders.fast");

        assertThat(shop.seen()).contains("fast o-11");
        broker.assertCalledOnce(Shop.class, "fast");
    }

    @Test
    void publishWaitsForWhatTheHandlersPublishedInTurn() {
        broker.publish(new Order("o-5", 7), "orders.paid");

        broker.assertCalledOnce(Shop.class, "pay");
        broker.assertCalledWith(Shop.class, "invoice", "invoice for o-5");
        assertThat(shop.seen()).contains("invoice for o-5");
    }

    @Test
    void kafkaTemplatesBindPathParametersAndKafkaHasNoWildcards() {
        broker.publish(new Order("o-6", 1), "orders.eu.created");
        assertThat(shop.seen()).contains("o-6 in eu");

        broker.publish(new Order("o-7", 1), "orders.eu.west.created"); // {region} is one level
        assertThat(broker.calls(Shop.class, "regional")).hasSize(1);
    }

    @Test
    void mqttSingleLevelWildcard() {
        broker.publish(21.5, "sensors/kitchen/temp");
        broker.publish(19.0, "sensors/garage/temp");
        broker.publish(1.0, "sensors/kitchen/oven/temp"); // + is exactly one level

        assertThat(broker.calls(Sensors.class, "temperature")).extracting(HandlerCall::body)
                .containsExactly(21.5, 19.0);
        assertThat(broker.calls(Sensors.class, "temperature")).extracting(HandlerCall::address)
                .containsExactly("sensors/kitchen/temp", "sensors/garage/temp");
    }

    @Test
    void mqttMultiLevelWildcardAlsoMatchesTheParentLevel() {
        broker.publish("fire", "alarms/building-1/floor-2");
        broker.publish("all clear", "alarms");

        assertThat(broker.calls(Sensors.class, "alarm")).extracting(HandlerCall::body)
                .containsExactly("fire", "all clear");
    }

    @Test
    void mqttTemplateWithRequestReply() {
        String reply = broker.request(55.5, "sensors/cellar/humidity", String.class);

        assertThat(reply).isEqualTo("cellar=55.5");
    }

    @Test
    void natsWildcards() {
        broker.publish("42", "metrics.cpu");
        broker.publish("7", "metrics.cpu.load"); // * is one token
        broker.publish("started", "events.app.start");
        broker.publish("bare", "events"); // > needs at least one token

        assertThat(broker.calls(Telemetry.class, "metric")).extracting(HandlerCall::body).containsExactly("42");
        assertThat(broker.calls(Telemetry.class, "event")).extracting(HandlerCall::body).containsExactly("started");
    }

    @Test
    void publishingToAWildcardIsRefused() {
        assertThatThrownBy(() -> broker.publish("x", "metrics.*", PublishOptions.none()))
                .hasMessageContaining("TRB-MEM001");
    }

    @Test
    void theConnectorCanBeNamedAndUnknownNamesAreReported() {
        broker.publish("nats", "23", "metrics.mem", PublishOptions.none());
        broker.assertCalledWith(Telemetry.class, "metric", "23");

        assertThatThrownBy(() -> broker.publish("rabbit", "x", "a", PublishOptions.none()))
                .hasMessageContaining("TRB-MEM101").hasMessageContaining("kafka");
    }

    @Test
    void assertionHelpersFailWithAClearMessage() {
        broker.publish(new Order("o-8", 3), "orders", PublishOptions.builder().header("tenant", "t").build());

        assertThatThrownBy(() -> broker.assertCalledWith(Shop.class, "order", new Order("o-9", 3)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("TRB-MEM105")
                .hasMessageContaining("o-8");
        assertThatThrownBy(() -> broker.assertNotCalled(Shop.class, "order")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> broker.assertCalledOnce(Shop.class, "refuse")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("0 times");
    }

    @Test
    void substitutionPropertyIsSetWhileTheContainerRuns() {
        assertThat(System.getProperty("tributary.testing.substitute-connectors")).isEqualTo("true");
        assertThat(broker.connector("kafka").config().testMode()).isTrue();
        assertThat(Map.of("redelivery", broker.connector("kafka").config().redelivery()))
                .containsEntry("redelivery", false);
    }
}
