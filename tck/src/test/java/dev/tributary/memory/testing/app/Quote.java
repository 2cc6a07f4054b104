package dev.tributary.memory.testing.app;

/** The reply of {@link Shop#quote}. */
public record Quote(String orderId, int price) {
}
