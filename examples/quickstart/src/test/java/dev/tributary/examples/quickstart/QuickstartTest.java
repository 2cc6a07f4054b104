package dev.tributary.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.DecodeException;
import dev.tributary.PublishOptions;
import dev.tributary.memory.testing.HandlerCall;
import dev.tributary.memory.testing.TestBroker;
import dev.tributary.memory.testing.TributaryTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quickstart's handlers, tested the FastStream way: on the test broker, without changing them. */
@TributaryTest
class QuickstartTest {

    @Inject
    Ledger ledger;

    @Inject
    Shipping shipping;

    TestBroker broker;

    @Test
    void anOrderIsBilledBookedAndShippedToTheTenantsRegion() {
        Order order = new Order("o-7", "c-1", List.of(new Order.Line("book", 3, new BigDecimal("10.00"))));

        broker.publish("memory", order, "orders", PublishOptions.builder().header("tenant", "eu").build());

        broker.assertCalledWith(Billing.class, "bill", order);
        HandlerCall booked = broker.assertCalledOnce(Ledger.class, "book");
        assertThat(ledger.booked()).contains(new Invoice("o-7", "c-1", "Ada Lovelace", new BigDecimal("30.00"), "eu"));
        assertThat(booked.address()).isEqualTo("invoices");
        assertThat(shipping.shipped()).contains("eu:o-7");
    }

    @Test
    void anOutboxRowIsRelayedWithItsHeadersToTheBroker() {
        Order order = new Order("o-8", "c-2", List.of(new Order.Line("pen", 1, new BigDecimal("2.00"))));

        broker.publish("outbox", order, "orders", PublishOptions.builder().header("tenant", "us").build());

        broker.assertCalledWith(OrderRelay.class, "relay", order);
        HandlerCall billed = broker.assertCalledOnce(Billing.class, "bill");
        assertThat(billed.headers()).containsEntry("tenant", "us");
        assertThat(shipping.shipped()).contains("us:o-8");
    }

    @Test
    void theDirectoryAnswersRequests() {
        Customer customer = broker.request("c-2", "customers.lookup", Customer.class);

        assertThat(customer).isEqualTo(new Customer("c-2", "Grace Hopper", false));
    }

    @Test
    void aMalformedOrderFailsDecodingAndReachesNoHandler() {
        assertThatThrownBy(() -> broker.publish("memory", "{\"id\": ".getBytes(StandardCharsets.UTF_8), "orders",
                PublishOptions.none()))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("TRB-COD001");

        broker.assertNotCalled(Ledger.class, "book");
    }
}
