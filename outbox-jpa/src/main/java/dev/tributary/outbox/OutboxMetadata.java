package dev.tributary.outbox;

import java.time.Instant;

/**
 * The outbox's metadata of a relayed row; a handler on the {@code outbox} connector may declare it as a
 * parameter ({@code @Incoming(value = "orders", connector = "outbox") void relay(Order o, OutboxMetadata m)}).
 * Immutable.
 *
 * @param id the row id (also the message id)
 * @param queue the queue the row was written for
 * @param attempts how many earlier deliveries of this row failed (0 on the first delivery)
 * @param created when the row was written
 * @param dedupKey the deduplication key, or {@code null}
 */
public record OutboxMetadata(String id, String queue, int attempts, Instant created, String dedupKey) {
}
