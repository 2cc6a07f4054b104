package dev.tributary.outbox.internal;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The interposed synchronization of one transaction that wrote outbox rows: collects their ids per queue
 * (and the deduplication keys written, so a second publish with the same key in the same transaction is
 * ignored) and, after a commit, hands the ids to the {@link RelayDirectory} — the fast path. No I/O on the
 * committing thread: the directory only enqueues work for the executor. Used by one transaction's threads.
 */
final class CommitHook implements Synchronization {
    private static final System.Logger LOG = System.getLogger("dev.tributary.outbox");

    private final RelayDirectory directory;
    private final Map<String, List<String>> idsByQueue = new LinkedHashMap<>();
    private final Map<String, String> dedupKeys = new HashMap<>();

    CommitHook(RelayDirectory directory) {
        this.directory = directory;
    }

    synchronized void written(String queue, String id, String dedupKey) {
        idsByQueue.computeIfAbsent(queue, q -> new ArrayList<>()).add(id);
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
        if (status != Status.STATUS_COMMITTED) {
            return;
        }
        try {
            Map<String, List<String>> ids;
            synchronized (this) {
                ids = idsByQueue;
            }
            directory.committed(ids);
        } catch (RuntimeException | Error e) {
            // never disturb the transaction manager: the poller delivers these rows
            LOG.log(System.Logger.Level.WARNING, "TRB-OBX030 handing committed outbox rows to the relay failed; the"
                    + " poller delivers them: " + e);
        }
    }
}
