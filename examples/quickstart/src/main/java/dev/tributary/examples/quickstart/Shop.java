package dev.tributary.examples.quickstart;

import dev.tributary.Channel;
import dev.tributary.PublishOptions;
import dev.tributary.Publisher;
import dev.tributary.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

/**
 * The front door. Placing an order writes the shop's record of it and the "orders" event in ONE JTA transaction
 * (the transactional outbox): both commit or neither does, and the event reaches the broker after the commit,
 * relayed by {@link OrderRelay}. Nothing is published when the transaction rolls back.
 */
@ApplicationScoped
public class Shop {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    @Channel("orders")
    Publisher<byte[]> rawOrders;

    /** Records the order and its event; returns the outbox row id. Refuses (and rolls back) an order without lines. */
    @Transactional
    public String place(Order order, String tenant) {
        em.persist(new PlacedOrder(order, tenant));
        String row = outbox.publish(order, "orders", PublishOptions.builder().header("tenant", tenant).key(order.customerId())
                .build());
        if (order.lines().isEmpty()) {
            throw new IllegalArgumentException("order " + order.id() + " has no lines");
        }
        System.out.printf("shop      -> order %s saved, outbox row %s (relayed after commit)%n", order.id(), row);
        return row;
    }

    /** Publishes bytes that are not an order straight to the broker, as a broken client would. */
    public CompletionStage<Void> placeGarbage() {
        System.out.println("shop      -> a malformed order (not JSON), straight to the broker");
        return rawOrders.publish("{\"id\": \"o-broken\", ".getBytes(StandardCharsets.UTF_8));
    }
}
