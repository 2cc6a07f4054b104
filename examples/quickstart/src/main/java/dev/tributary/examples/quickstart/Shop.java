package dev.tributary.examples.quickstart;

import dev.tributary.Channel;
import dev.tributary.PublishOptions;
import dev.tributary.Publisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

/** The front door: places orders by publishing them on "orders". */
@ApplicationScoped
public class Shop {

    @Inject
    @Channel("orders")
    Publisher<Order> orders;

    @Inject
    @Channel("orders")
    Publisher<byte[]> rawOrders;

    /** Publishes an order; completes when the broker accepted it. */
    public CompletionStage<Void> place(Order order, String tenant) {
        System.out.printf("shop      -> order %s%n", order.id());
        return orders.publish(order, PublishOptions.builder().header("tenant", tenant).build());
    }

    /** Publishes bytes that are not an order, as a broken client would. */
    public CompletionStage<Void> placeGarbage() {
        System.out.println("shop      -> a malformed order (not JSON)");
        return rawOrders.publish("{\"id\": \"o-broken\", ".getBytes(StandardCharsets.UTF_8));
    }
}
