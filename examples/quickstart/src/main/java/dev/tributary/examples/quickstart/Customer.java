package dev.tributary.examples.quickstart;

/** The answer of the customer directory (request/reply on "customers.lookup"). */
public record Customer(String id, String name, boolean vip) {
}
