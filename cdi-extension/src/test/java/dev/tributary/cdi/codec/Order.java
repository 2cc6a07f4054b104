package dev.tributary.cdi.codec;

/** A test body type; public, as JSON-B binding requires. */
public record Order(String id, int qty) {
}
