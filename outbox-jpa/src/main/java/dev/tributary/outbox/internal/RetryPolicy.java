package dev.tributary.outbox.internal;

import dev.tributary.outbox.OutboxConfig;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a nacked row is tried again, and when it is given up ({@link OutboxConfig.Retry}). Immutable.
 */
final class RetryPolicy {
    private final OutboxConfig.Retry retry;

    RetryPolicy(OutboxConfig.Retry retry) {
        this.retry = retry;
    }

    /** Whether a row that has now failed {@code attempts} times (created at {@code created}) is given up. */
    boolean exhausted(int attempts, long created, long now) {
        if (retry.maxAttempts() > 0 && attempts >= retry.maxAttempts()) {
            return true;
        }
        return !retry.maxAge().isZero() && now - created >= retry.maxAge().toMillis();
    }

    /** The delay before the next attempt of a row that has now failed {@code attempts} (≥ 1) times, in ms. */
    long delayMillis(int attempts) {
        double base = retry.initialDelay().toMillis();
        long cap = retry.maxDelay().toMillis();
        double d = switch (retry.policy()) {
            case "constant" -> base;
            case "linear" -> base * attempts;
            default -> base * Math.pow(retry.multiplier(), Math.max(0, attempts - 1));
        };
        if (retry.jitter() > 0) {
            d *= 1 + retry.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        }
        return (long) Math.max(0, Math.min(cap, d));
    }
}
