package dev.tributary.outbox.internal;

import dev.tributary.outbox.OutboxRecord;

/** A snapshot of a claimed row, detached from any persistence context. Immutable. */
public record ClaimedRow(String id, String queue, byte[] payload, String contentType, String headers, String correlationId,
        String orderingKey, String dedupKey, int attempts, long created, String leaseToken) {

    static ClaimedRow of(OutboxRecord r, String token) {
        return new ClaimedRow(r.id(), r.queue(), r.payload(), r.contentType(), r.encodedHeaders(), r.correlationId(),
                r.orderingKey(), r.dedupKey(), r.attempts(), r.created().toEpochMilli(), token);
    }
}
