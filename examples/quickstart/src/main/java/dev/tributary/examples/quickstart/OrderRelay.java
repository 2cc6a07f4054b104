package dev.tributary.examples.quickstart;

import dev.tributary.Incoming;
import dev.tributary.Outgoing;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Relays committed outbox rows of "orders" to the broker, with their headers (the tenant). If the broker refused a
 * publish, the outbox connector would retry the row with backoff (its default policy, NACK_ON_ERROR); the row is
 * deleted only once the broker accepted it: at-least-once.
 */
@ApplicationScoped
public class OrderRelay {

    @Incoming(value = "orders", connector = "outbox", propagateHeaders = true)
    @Outgoing(value = "orders", connector = "memory")
    public Order relay(Order order) {
        System.out.printf("outbox    -> order %s relayed to the broker%n", order.id());
        return order;
    }
}
