package dev.tributary.outbox.internal;

import java.util.concurrent.CompletableFuture;

/**
 * One settled row waiting to be written: {@link Kind#DONE} (delete, or keep as DONE for the retention),
 * {@link Kind#RETRY} (attempts and next attempt set, lease cleared), {@link Kind#DEAD}. Every write matches
 * {@code id} and {@code leaseToken}: a row whose lease was lost is left alone.
 */
public record Settlement(Kind kind, String id, String leaseToken, int attempts, long nextAttempt, String error,
        boolean keyed, CompletableFuture<Void> done) {

    public enum Kind { DONE, RETRY, DEAD }
}
