package dev.tributary.examples.orders;

/** The customer directory's answer to a lookup. A customer that is not {@code active} may not order. */
public record Customer(String id, String name, boolean active) {
}
