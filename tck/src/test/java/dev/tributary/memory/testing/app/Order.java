package dev.tributary.memory.testing.app;

/** A body the fake application consumes as JSON. */
public record Order(String id, int amount) {
}
