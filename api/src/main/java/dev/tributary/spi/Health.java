package dev.tributary.spi;

/**
 * A connector's health.
 *
 * @param up whether it is connected and able to consume and publish
 * @param detail a human-readable reason, never {@code null}
 */
public record Health(boolean up, String detail) {
    public static Health up(String detail) {
        return new Health(true, detail);
    }

    public static Health down(String detail) {
        return new Health(false, detail);
    }
}
