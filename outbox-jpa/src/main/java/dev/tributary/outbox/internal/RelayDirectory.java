package dev.tributary.outbox.internal;

import dev.tributary.TributaryException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outbox connectors of this deployment and their running relay subscriptions per queue: where the fast path
 * sends committed ids, and which connector {@code Outbox.publish} writes through. Thread-safe; never blocks.
 */
@ApplicationScoped
public class RelayDirectory {
    private final List<OutboxConnector> connectors = new CopyOnWriteArrayList<>();
    private final Map<String, List<OutboxSubscription>> byQueue = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    void add(OutboxConnector c) {
        connectors.add(c);
    }

    void remove(OutboxConnector c) {
        connectors.remove(c);
    }

    void add(OutboxSubscription s) {
        byQueue.computeIfAbsent(s.queue, q -> new CopyOnWriteArrayList<>()).add(s);
    }

    void remove(OutboxSubscription s) {
        List<OutboxSubscription> l = byQueue.get(s.queue);
        if (l != null) {
            l.remove(s);
        }
    }

    /**
     * The connector {@code Outbox.publish} writes through: the one named {@code outbox}, else the only one.
     * {@code TRB-OBX004} when there is none or several without one named {@code outbox}.
     */
    public String connectorName() {
        OutboxConnector only = null;
        for (OutboxConnector c : connectors) {
            if (c.name().equals(OutboxConnectorProvider.TYPE)) {
                return c.name();
            }
            only = c;
        }
        if (only != null && connectors.size() == 1) {
            return only.name();
        }
        throw new TributaryException("TRB-OBX004", connectors.isEmpty()
                ? "no outbox connector is running; configure tributary.connectors.outbox.type=outbox (or none at all)"
                        + " and make sure Tributary started"
                : "several outbox connectors " + connectors.stream().map(OutboxConnector::name).toList()
                        + " and none named 'outbox'; name one of them 'outbox'");
    }

    /**
     * The subscription of this JVM that takes a row of {@code queue} written now already leased to it (the fast path
     * without a claim), its reservation taken; {@code null} when none can ({@link OutboxSubscription#reservePreLease(boolean)}).
     * Called on the writer's thread; never blocks.
     */
    OutboxSubscription preLeaseOwner(String queue, boolean keyed) {
        List<OutboxSubscription> list = byQueue.get(queue);
        if (list == null || list.isEmpty()) {
            return null;
        }
        int n = list.size();
        int start = n == 1 ? 0 : Math.floorMod(next.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            OutboxSubscription s;
            try {
                s = list.get((start + i) % n);
            } catch (IndexOutOfBoundsException e) {
                return null; // removed meanwhile
            }
            if (s.reservePreLease(keyed)) {
                return s;
            }
        }
        return null;
    }

    /** Committed rows (called from a transaction's afterCompletion): handed to one subscription per queue. */
    void committed(Map<String, List<String>> idsByQueue) {
        idsByQueue.forEach((queue, ids) -> {
            List<OutboxSubscription> list = byQueue.get(queue);
            OutboxSubscription[] subs = list == null ? new OutboxSubscription[0] : list.toArray(new OutboxSubscription[0]);
            if (subs.length == 0) {
                return; // no relay for this queue in this JVM: another node's poller takes them
            }
            int n = subs.length;
            int start = Math.floorMod(next.getAndIncrement(), n);
            for (int i = 0; i < n; i++) {
                OutboxSubscription s = subs[(start + i) % n];
                if (s.fastPath(ids)) {
                    return;
                }
            }
        });
    }
}
