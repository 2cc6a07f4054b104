package dev.tributary.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One outbox row: the JPA mapping of table {@code tributary_outbox}. List this class in the application's
 * {@code persistence.xml} ({@code <class>dev.tributary.outbox.OutboxRecord</class>}); the DDL per database is in
 * the module's README and under {@code META-INF/tributary/} in this jar. The outbox writes and changes rows
 * itself: applications read them (for example in reports) but should not modify them; use {@link OutboxAdmin}.
 *
 * <p>Times are epoch milliseconds in {@code BIGINT} columns (portable across databases, no time-zone
 * conversions); the accessors return {@link Instant}s. Not thread-safe (an entity).
 */
@Entity
@Table(name = "tributary_outbox")
public class OutboxRecord {

    /** The state of a row. Delivered rows are deleted, or kept as {@code DONE} for the configured retention. */
    public enum Status {
        /** Waiting for (or in) delivery. */
        PENDING,
        /** Given up (retry policy exhausted or rejected); kept until replayed or removed. */
        DEAD,
        /** Delivered and kept for the retention period. */
        DONE
    }

    /** Longest {@code last_error} kept (characters). */
    public static final int LAST_ERROR_LENGTH = 2000;

    @Id
    @Column(name = "id", length = 32, nullable = false, updatable = false)
    private String id;

    @Column(name = "queue", length = 255, nullable = false, updatable = false)
    private String queue;

    @Column(name = "payload", nullable = false, updatable = false)
    private byte[] payload;

    @Column(name = "content_type", length = 255, updatable = false)
    private String contentType;

    @Column(name = "headers", updatable = false)
    private String headers;

    @Column(name = "correlation_id", length = 255, updatable = false)
    private String correlationId;

    @Column(name = "ordering_key", length = 255, updatable = false)
    private String orderingKey;

    @Column(name = "dedup_key", length = 255, unique = true, updatable = false)
    private String dedupKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 8, nullable = false)
    private Status status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt", nullable = false)
    private long nextAttempt;

    @Column(name = "created", nullable = false, updatable = false)
    private long created;

    @Column(name = "lease_token", length = 36)
    private String leaseToken;

    @Column(name = "lease_until")
    private Long leaseUntil;

    @Column(name = "last_error", length = LAST_ERROR_LENGTH)
    private String lastError;

    /** For JPA. */
    protected OutboxRecord() {
    }

    /**
     * A new pending row (used by the outbox's writer).
     *
     * @param headers user headers in the outbox's text encoding, or {@code null}
     */
    public OutboxRecord(String id, String queue, byte[] payload, String contentType, String headers,
            String correlationId, String orderingKey, String dedupKey, Instant created, Instant notBefore) {
        this.id = id;
        this.queue = queue;
        this.payload = payload;
        this.contentType = contentType;
        this.headers = headers;
        this.correlationId = correlationId;
        this.orderingKey = orderingKey;
        this.dedupKey = dedupKey;
        this.status = Status.PENDING;
        this.attempts = 0;
        this.created = created.toEpochMilli();
        this.nextAttempt = notBefore.toEpochMilli();
    }

    /**
     * Stamps a lease on the new row before it is persisted (used by the outbox's writer: a row written while a relay
     * of its queue runs in this JVM is committed already leased to that relay, which then publishes it without a claim).
     */
    public void lease(String token, long leaseUntilEpochMillis) {
        this.leaseToken = token;
        this.leaseUntil = leaseUntilEpochMillis;
    }

    public String id() {
        return id;
    }

    public String queue() {
        return queue;
    }

    /** The encoded body. Do not modify the array. */
    public byte[] payload() {
        return payload;
    }

    public String contentType() {
        return contentType;
    }

    /** User headers in the outbox's text encoding ({@code name=value} lines, {@code %}-escaped), or {@code null}. */
    public String encodedHeaders() {
        return headers;
    }

    public String correlationId() {
        return correlationId;
    }

    public String orderingKey() {
        return orderingKey;
    }

    public String dedupKey() {
        return dedupKey;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    /** Not before this time (for a DONE row: when it was delivered). */
    public Instant nextAttempt() {
        return Instant.ofEpochMilli(nextAttempt);
    }

    public Instant created() {
        return Instant.ofEpochMilli(created);
    }

    /** The token of the claim that holds the row, or {@code null}. */
    public String leaseToken() {
        return leaseToken;
    }

    /** When the current claim expires, or {@code null}. */
    public Instant leaseUntil() {
        return leaseUntil == null ? null : Instant.ofEpochMilli(leaseUntil);
    }

    public String lastError() {
        return lastError;
    }

    @Override
    public String toString() {
        return "OutboxRecord[" + id + " " + queue + " " + status + " attempts=" + attempts + "]";
    }
}
