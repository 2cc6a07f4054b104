package dev.tributary.examples.orders;

/** The event on the {@code orders} topic: an order was stored and waits for settlement. */
public record OrderPlaced(String orderId, String customerId, String item, int quantity) {
}
