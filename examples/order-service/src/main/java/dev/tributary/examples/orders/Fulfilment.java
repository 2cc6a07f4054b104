package dev.tributary.examples.orders;

import dev.tributary.Channel;
import dev.tributary.Incoming;
import dev.tributary.Message;
import dev.tributary.PublishOptions;
import dev.tributary.Publisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Settles every order placed: asks the customer directory who the customer is (request/reply over the broker),
 * records the outcome in the database (with the request-scoped {@link SettlementTrail} of this event), then
 * announces it on {@code orders.settled} with the event's correlation id.
 *
 * <p>Runs on the container's managed executor, one order at a time; waiting there for the directory's reply is
 * fine. Delivery is at least once, so settling is idempotent. An error (directory not answering in time) rejects
 * the message per the default ack policy, and the order stays {@link OrderStatus#PLACED}.
 */
@ApplicationScoped
public class Fulfilment {

    private static final System.Logger LOG = System.getLogger(Fulfilment.class.getName());
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(15);

    @Inject
    @Channel("customers.lookup")
    Publisher<String> customers;

    @Inject
    @Channel("orders.settled")
    Publisher<OrderSettled> settlements;

    @Inject
    OrderDesk desk;

    @Inject
    SettlementTrail trail;

    @Incoming("orders")
    public void fulfil(OrderPlaced placed, Message<OrderPlaced> message) {
        Customer customer = customers.request(placed.customerId(), Customer.class, LOOKUP_TIMEOUT)
                .toCompletableFuture().join();
        trail.add("customer " + customer.id() + (customer.active() ? " active" : " blocked"));
        desk.settle(placed.orderId(), customer).ifPresentOrElse(
                // the announcement carries the order event's correlation id: one id from the outbox row to here
                settled -> settlements.publish(new OrderSettled(settled.id(), settled.status(), settled.customerName()),
                        PublishOptions.builder().correlationId(message.correlationId()).build())
                        .toCompletableFuture().join(),
                () -> LOG.log(Level.WARNING, "TRB-EXO001 order " + placed.orderId() + " is not stored; event ignored"));
    }
}
