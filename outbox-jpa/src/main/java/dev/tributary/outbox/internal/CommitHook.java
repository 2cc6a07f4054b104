package dev.tributary.outbox.internal;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The interposed synchronization of one transaction that wrote outbox rows: collects their ids per queue
 * (and the deduplication keys written, so a second publish with the same key in the same transaction is
 * ignored) and, after a commit, hands them to the relay — the fast path. Rows written already leased to a relay
 * subscription of this JVM ({@link OutboxSubscription#reservePreLease(boolean)}) go to that subscription as claimed rows;
 * the others go by id to the {@link RelayDirectory}. No I/O on the committing thread: both only enqueue work for the
 * executor. Used by one transaction's threads.
 */
final class CommitHook implements Synchronization {
    private static final System.Logger LOG = System.getLogger("dev.tributary.outbox");

    private final RelayDirectory directory;
    private final Map<String, List<String>> idsByQueue = new LinkedHashMap<>();
    private final Map<OutboxSubscription, List<ClaimedRow>> preLeased = new IdentityHashMap<>();
    private final Map<String, String> dedupKeys = new HashMap<>();
    /** When the first pre-leased row of this transaction was stamped ({@link System#nanoTime()}); the oldest lease. */
    private long firstLeaseNanos;

    CommitHook(RelayDirectory directory) {
        this.directory = directory;
    }

    synchronized void written(String queue, String id, String dedupKey) {
        idsByQueue.computeIfAbsent(queue, q -> new ArrayList<>()).add(id);
        noteDedup(id, dedupKey);
    }

    /** A row written already leased to {@code owner} (its reservation taken). */
    synchronized void writtenLeased(OutboxSubscription owner, ClaimedRow row, long stampedNanos) {
        if (preLeased.isEmpty()) {
            firstLeaseNanos = stampedNanos;
        }
        preLeased.computeIfAbsent(owner, o -> new ArrayList<>()).add(row);
        noteDedup(row.id(), row.dedupKey());
    }

    private void noteDedup(String id, String dedupKey) {
        if (dedupKey != null) {
            dedupKeys.put(dedupKey, id);
        }
    }

    /** The id written in this transaction with that deduplication key, or {@code null}. */
    synchronized String writtenWith(String dedupKey) {
        return dedupKeys.get(dedupKey);
    }

    @Override
    public void beforeCompletion() {
    }

    @Override
    public void afterCompletion(int status) {
        boolean committed = status == Status.STATUS_COMMITTED;
        Map<String, List<String>> ids;
        Map<OutboxSubscription, List<ClaimedRow>> leased;
        long leasedAt;
        synchronized (this) {
            ids = idsByQueue;
            leased = preLeased;
            leasedAt = firstLeaseNanos;
        }
        leased.forEach((owner, rows) -> {
            try {
                owner.preLeasedCommitted(rows, leasedAt, committed);
            } catch (RuntimeException | Error e) {
                // never disturb the transaction manager: the leases expire and the poller delivers these rows
                LOG.log(System.Logger.Level.WARNING, "TRB-OBX030 handing committed outbox rows to the relay failed; the"
                        + " poller delivers them after their lease: " + e);
            }
        });
        if (!committed) {
            return;
        }
        try {
            directory.committed(ids);
        } catch (RuntimeException | Error e) {
            // never disturb the transaction manager: the poller delivers these rows
            LOG.log(System.Logger.Level.WARNING, "TRB-OBX030 handing committed outbox rows to the relay failed; the"
                    + " poller delivers them: " + e);
        }
    }
}
