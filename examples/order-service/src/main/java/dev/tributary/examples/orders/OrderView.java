package dev.tributary.examples.orders;

/**
 * An order as {@code GET /api/orders/{id}} shows it. {@code customerName} and {@code trail} (what happened while its
 * event was handled) are set once the order is settled.
 */
public record OrderView(String id, String customerId, String item, int quantity, OrderStatus status,
        String customerName, String trail) {
}
