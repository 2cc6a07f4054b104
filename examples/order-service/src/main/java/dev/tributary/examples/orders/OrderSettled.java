package dev.tributary.examples.orders;

/** The event on the {@code orders.settled} topic, for whoever ships or bills: how an order was settled. */
public record OrderSettled(String orderId, OrderStatus status, String customerName) {
}
