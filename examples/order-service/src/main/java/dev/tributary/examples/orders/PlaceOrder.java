package dev.tributary.examples.orders;

/**
 * The body of {@code POST /api/orders}. {@code orderId} is optional: a client that sets it (an idempotency key, at
 * most 36 characters) gets {@code 409 Conflict} when it places the same order twice; without it the service picks
 * a UUID.
 */
public record PlaceOrder(String orderId, String customerId, String item, int quantity) {
}
