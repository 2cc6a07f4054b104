package dev.tributary.outbox;

import dev.tributary.PublishOptions;

/**
 * Writes events to the transactional outbox: {@code @Inject Outbox outbox; outbox.publish(order, "orders");}.
 * The row joins the caller's active JTA transaction and is relayed after commit by the subscriptions on the
 * {@code outbox} connector ({@code @Incoming(value = "orders", connector = "outbox")}).
 *
 * <p><b>Threading and blocking.</b> Thread-safe. {@code publish} runs on the caller's thread, inside the
 * caller's transaction, and returns once the row is handed to the application's {@code EntityManager}
 * ({@code persist}; the insert itself happens when the transaction flushes or commits). It never begins,
 * flushes or commits a transaction and does no network I/O besides what the {@code EntityManager} does.
 *
 * <p><b>Encoding.</b> The body is encoded by the runtime's publish path, exactly like a broker publish
 * (the default codec: {@code String} → UTF-8 {@code text/plain}, {@code byte[]} as is, anything else JSON),
 * with the same headers ({@code content-type}, {@code correlation_id}, user headers), so the relay sends the
 * stored bytes unchanged. A {@code @Channel} {@code Publisher} bound to the {@code outbox} connector writes
 * the same row.
 *
 * <p><b>Options.</b> {@link PublishOptions#key()} is the ordering key (rows with the same key are relayed in
 * write order); {@link PublishOptions#messageId()} is a deduplication key (unique: a second publish with a key
 * whose row still exists is ignored and returns the existing row's id); {@link #NOT_BEFORE} as a connector
 * option delays delivery; headers and correlation id travel with the row.
 *
 * <p><b>Errors</b> (thrown at once, never deferred to commit): {@code TRB-OBX001} no active transaction,
 * {@code TRB-OBX002} the transaction is marked for rollback, {@code TRB-OBX003} no {@code EntityManager}
 * bean, {@code TRB-OBX004} no outbox connector (or several and none named {@code outbox}), and the runtime's
 * own publish errors ({@code TRB-RUN…}, for example an encoding failure). A unique-index violation of the
 * deduplication key by a concurrent transaction surfaces at commit, from the transaction manager.
 *
 * <p><b>Ordering.</b> Rows of one ordering key are relayed in the order they were written (their ids grow
 * monotonically within a JVM); rows without a key are relayed in id order per claim, not globally.
 */
public interface Outbox {

    /**
     * Connector option ({@code PublishOptions.builder().option(Outbox.NOT_BEFORE, …)}): the earliest time the
     * row may be relayed, as an {@link java.time.Instant}, a {@link java.time.Duration} from now, or epoch
     * milliseconds ({@link Long}). Works the same through a {@code Publisher} bound to the outbox connector.
     */
    String NOT_BEFORE = "outbox.not-before";

    /**
     * Writes {@code body} for {@code queue} in the caller's transaction.
     *
     * @return the row id (also the relayed message's {@code messageId})
     */
    String publish(Object body, String queue);

    /**
     * Writes {@code body} for {@code queue} with headers, correlation id, ordering key ({@code key}),
     * deduplication key ({@code messageId}) and {@link #NOT_BEFORE}. {@code options.address()}, when set,
     * is ignored: the queue is the address.
     *
     * @return the row id, or the id of the existing row with the same deduplication key
     */
    String publish(Object body, String queue, PublishOptions options);
}
