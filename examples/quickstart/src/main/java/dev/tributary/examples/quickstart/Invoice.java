package dev.tributary.examples.quickstart;

import java.math.BigDecimal;

/** What billing publishes on "invoices" for every order. */
public record Invoice(String orderId, String customerId, String customerName, BigDecimal amount, String tenant) {
}
