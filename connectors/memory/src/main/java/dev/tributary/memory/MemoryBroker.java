package dev.tributary.memory;

import dev.tributary.spi.AddressSyntax;
import dev.tributary.spi.AddressTemplate;
import dev.tributary.spi.OutboundMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process broker behind one or more memory connectors: queues, routing and pending requests.
 *
 * <p>Routing: a publish goes to every queue whose address template matches the concrete address in the
 * broker's {@link AddressSyntax}. The matching queues per concrete address are cached; the whole cache is
 * replaced when a queue is added or removed, so the publish path is one map lookup. Thread-safe.
 *
 * <p>A broker is private to its connector unless the configuration names a shared one
 * ({@link MemoryConfig#broker()}); shared brokers live as long as the JVM.
 */
final class MemoryBroker {

    private static final MemoryQueue[] NO_QUEUES = new MemoryQueue[0];
    private static final int MAX_CACHED_ROUTES = 8192;
    private static final Map<String, MemoryBroker> SHARED = new ConcurrentHashMap<>();
    /** Names of shared brokers in a simulated outage (see {@link MemoryConnector#simulateOutage}). */
    private static final Set<String> UNAVAILABLE = ConcurrentHashMap.newKeySet();
    /** Test mode: how long a settled delivery waits for the runtime to report its invocation. */
    private static final long INVOCATION_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    final String name;
    final AddressSyntax syntax;
    /** Whether this is a JVM-wide broker named in the configuration (only those can have an outage). */
    final boolean shared;
    final PendingRequests requests = new PendingRequests();
    private final AtomicLong sequence = new AtomicLong();

    private volatile MemoryQueue[] queues = NO_QUEUES;
    private final Map<String, MemoryQueue> groups = new HashMap<>(); // guarded by this
    private volatile ConcurrentHashMap<String, MemoryQueue[]> routes = new ConcurrentHashMap<>();

    /** Test mode: deliveries not yet known to be finished. */
    volatile boolean tracking;
    private final Set<MemoryDelivery> open = ConcurrentHashMap.newKeySet();
    private final Object quiet = new Object();

    private MemoryBroker(String name, AddressSyntax syntax, boolean shared) {
        this.name = name;
        this.syntax = syntax;
        this.shared = shared;
    }

    /** The connector's broker: a new private one, or the shared one the configuration names. */
    static MemoryBroker forConnector(String connector, MemoryConfig config) {
        if (config.broker() == null) {
            return new MemoryBroker(connector, config.syntax(), false);
        }
        MemoryBroker b = SHARED.computeIfAbsent(config.broker(), n -> new MemoryBroker(n, config.syntax(), true));
        if (!b.syntax.equals(config.syntax())) {
            throw MemoryErrors.brokerSyntaxMismatch(b.name, b.syntax.name(), config.syntax().name());
        }
        return b;
    }

    // ---- publishing

    /** Routes one message to every matching queue; throws a coded error for an address with wildcards. */
    void publish(OutboundMessage m) {
        publish(m, Integer.MAX_VALUE);
    }

    /**
     * Routes one message to every matching queue; returns one of those queues that now holds more than
     * {@code maxQueued} messages (the publish should wait for room), or {@code null}.
     */
    MemoryQueue publish(OutboundMessage m, int maxQueued) {
        if (!available()) {
            throw MemoryErrors.unavailable(name);
        }
        String address = m.address();
        MemoryQueue[] targets = routes.get(address);
        if (targets == null) {
            validate(address);
        }
        MemoryRecord record = MemoryRecord.of(m, sequence.incrementAndGet(), System.currentTimeMillis());
        boolean uniqueReply = requests.complete(record);
        if (targets == null) {
            // a generated reply address is used once: do not let it crowd the route cache
            targets = uniqueReply ? match(address) : cacheRoute(address);
        }
        MemoryQueue full = null;
        for (MemoryQueue q : targets) {
            q.offer(delivery(record, 0, q));
            if (full == null && q.isFull(maxQueued)) {
                full = q;
            }
        }
        return full;
    }

    /** Whether a publish to this concrete address reaches at least one subscription now. */
    boolean routes(String address) {
        for (MemoryQueue q : match(address)) {
            if (q.hasConsumers()) {
                return true;
            }
        }
        return false;
    }

    MemoryDelivery delivery(MemoryRecord record, int redeliveries, MemoryQueue queue) {
        MemoryDelivery d = new MemoryDelivery(record, redeliveries, queue);
        if (tracking) {
            open.add(d);
        }
        return d;
    }

    private void validate(String address) {
        if (address == null || address.isEmpty()) {
            throw MemoryErrors.emptyAddress();
        }
        String sep = syntax.separator();
        int from = 0;
        while (true) {
            int to = address.indexOf(sep, from);
            String level = to < 0 ? address.substring(from) : address.substring(from, to);
            if (level.equals(syntax.singleWildcard()) || level.equals(syntax.multiWildcard())
                    || (level.length() > 2 && level.charAt(0) == '{' && level.charAt(1) != '{'
                    && level.charAt(level.length() - 1) == '}')) {
                throw MemoryErrors.wildcardPublish(address, level);
            }
            if (to < 0) {
                return;
            }
            from = to + sep.length();
        }
    }

    private MemoryQueue[] cacheRoute(String address) {
        ConcurrentHashMap<String, MemoryQueue[]> cache = routes; // read before the queues (see addQueue)
        MemoryQueue[] found = match(address);
        if (cache.size() >= MAX_CACHED_ROUTES) {
            cache.clear();
        }
        cache.put(address, found);
        return found;
    }

    private MemoryQueue[] match(String address) {
        List<MemoryQueue> found = null;
        for (MemoryQueue q : queues) {
            if (q.matches(address)) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(q);
            }
        }
        return found == null ? NO_QUEUES : found.toArray(NO_QUEUES);
    }

    // ---- simulated outage (test support)

    /** False while a simulated outage of this shared broker lasts. */
    boolean available() {
        return UNAVAILABLE.isEmpty() || !shared || !UNAVAILABLE.contains(name);
    }

    /** Starts or ends a simulated outage of the shared broker with this name. */
    static void setAvailable(String broker, boolean available) {
        if (available) {
            UNAVAILABLE.remove(broker);
        } else {
            UNAVAILABLE.add(broker);
        }
    }

    // ---- queues

    /** The queue for a new subscription: its own, or its group's on this address (created when missing). */
    synchronized MemoryQueue queueFor(AddressTemplate template, String group) {
        if (group != null) {
            String key = group + '\u0000' + template.raw();
            MemoryQueue q = groups.get(key);
            if (q == null) {
                q = new MemoryQueue(this, template, group);
                groups.put(key, q);
                addQueue(q);
            }
            return q;
        }
        MemoryQueue q = new MemoryQueue(this, template, null);
        addQueue(q);
        return q;
    }

    private void addQueue(MemoryQueue q) {
        MemoryQueue[] qs = Arrays.copyOf(queues, queues.length + 1);
        qs[qs.length - 1] = q;
        queues = qs;
        routes = new ConcurrentHashMap<>(); // written after the queues: a racing publish caches into the old map
    }

    synchronized void removeQueue(MemoryQueue q) {
        List<MemoryQueue> qs = new ArrayList<>(Arrays.asList(queues));
        if (qs.remove(q)) {
            queues = qs.toArray(NO_QUEUES);
            routes = new ConcurrentHashMap<>();
        }
    }

    /** The group queue on an address, or {@code null} (tests). */
    synchronized MemoryQueue groupQueue(String group, String templateRaw) {
        return groups.get(group + '\u0000' + templateRaw);
    }

    // ---- test mode: waiting until handlers are done

    void signal() {
        synchronized (quiet) {
            quiet.notifyAll();
        }
    }

    /**
     * Waits until every tracked delivery is finished: settled, and reported invoked by the runtime (or,
     * when the runtime reports nothing for it, settled a short grace ago). Messages queued where no
     * consumer exists do not count. A settled {@code ACK_FIRST} delivery whose invocation was never
     * reported (no handler took it) stops counting at the deadline.
     *
     * @return an empty string when quiet, else a description of what is still open
     */
    String awaitIdle(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            long now = System.nanoTime();
            String busy = busy(now, now - deadline >= 0);
            if (busy.isEmpty()) {
                return busy;
            }
            long left = deadline - now;
            if (left <= 0) {
                return busy;
            }
            synchronized (quiet) {
                quiet.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 5)));
            }
        }
    }

    /** Whether every tracked delivery is finished now (never gives up on a running ACK_FIRST handler). */
    boolean isIdle() {
        return busy(System.nanoTime(), false).isEmpty();
    }

    private String busy(long now, boolean atDeadline) {
        StringBuilder out = new StringBuilder();
        for (MemoryDelivery d : open) {
            if (finished(d, now, atDeadline)) {
                open.remove(d);
            } else if (out.length() < 400) {
                out.append(out.length() == 0 ? "" : ", ").append(describe(d));
            }
        }
        return out.toString();
    }

    private static boolean finished(MemoryDelivery d, long now, boolean atDeadline) {
        int state = d.state();
        MemorySubscription owner = d.owner;
        if (state == MemoryDelivery.UNSETTLED) {
            // queued with nobody to take it: not ours to wait for
            return owner == null && (d.queue.isDeleted() || !d.queue.hasConsumers());
        }
        if (state == MemoryDelivery.RECLAIMED || d.invoked || owner == null) {
            return true;
        }
        if (owner.ackFirst) {
            return atDeadline; // acked on receipt: the handler runs after; wait for its report
        }
        return now - d.settledAt >= INVOCATION_GRACE_NANOS;
    }

    private static String describe(MemoryDelivery d) {
        String where = d.owner == null ? "queued" : d.isSettled() ? "handler running" : "unsettled";
        return "'" + d.address() + "' " + where;
    }

    @Override
    public String toString() {
        return "MemoryBroker[" + name + ", " + syntax.name() + "]";
    }
}
