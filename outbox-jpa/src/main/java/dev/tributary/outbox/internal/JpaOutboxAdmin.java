package dev.tributary.outbox.internal;

import dev.tributary.outbox.OutboxAdmin;
import dev.tributary.outbox.OutboxRecord.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** {@link OutboxAdmin} through the {@link OutboxStore}'s own transactions. Thread-safe; blocks on the database. */
@ApplicationScoped
public class JpaOutboxAdmin implements OutboxAdmin {
    @Inject
    OutboxStore store;

    @Override
    public List<DeadRow> dead(String queue, int limit) {
        return store.dead(queue, limit);
    }

    @Override
    public boolean replay(String id) {
        return store.replay(id, null, OutboxStore.now()) > 0;
    }

    @Override
    public int replayAll(String queue) {
        return store.replay(null, queue, OutboxStore.now());
    }

    @Override
    public long pending(String queue) {
        return store.count(Status.PENDING, queue);
    }

    @Override
    public long deadCount(String queue) {
        return store.count(Status.DEAD, queue);
    }
}
