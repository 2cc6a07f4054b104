package dev.tributary.outbox;

import java.time.Instant;
import java.util.List;

/**
 * Operations on dead rows (rows the retry policy gave up on, or that a handler rejected):
 * {@code @Inject OutboxAdmin admin;}.
 *
 * <p><b>Threading and blocking.</b> Thread-safe. Every method blocks on the database and runs in a
 * transaction of its own ({@code REQUIRES_NEW}): the caller's transaction, if any, is suspended and does not
 * see or hold these changes. A replayed row is picked up by the next poll of a relay subscription on its queue
 * (within the poll interval), on any node.
 *
 * <p><b>Errors.</b> Database failures propagate as the persistence provider's exceptions.
 */
public interface OutboxAdmin {

    /** A dead row. */
    record DeadRow(String id, String queue, int attempts, String lastError, Instant created) {
    }

    /** Dead rows of {@code queue} ({@code null}: every queue), oldest first, at most {@code limit}. */
    List<DeadRow> dead(String queue, int limit);

    /** Makes a dead row pending again (attempts 0, next attempt now). @return whether a dead row had that id */
    boolean replay(String id);

    /** Makes every dead row of {@code queue} pending again. @return how many rows */
    int replayAll(String queue);

    /** Pending rows of {@code queue} ({@code null}: every queue), including rows in flight and delayed rows. */
    long pending(String queue);

    /** Dead rows of {@code queue} ({@code null}: every queue). */
    long deadCount(String queue);
}
