package dev.tributary.cdi.codec;

/** A test enum body. */
public enum Colour {
    RED, GREEN
}
