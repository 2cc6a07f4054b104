package dev.tributary.outbox.internal;

import dev.tributary.TributaryException;
import dev.tributary.outbox.OutboxConfig;
import dev.tributary.spi.InboundSink;
import dev.tributary.spi.Subscription;
import dev.tributary.spi.SubscriptionSpec;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The relay of one queue: claims ready rows (lease-token claims, {@code FOR UPDATE SKIP LOCKED}) and delivers
 * them to the runtime's sink; writes the settlements (delete / retry / dead) in batches.
 *
 * <p>Claims come from two sources: ids committed in this JVM (the fast path, {@link #fastPath}) and the poller
 * (every poll interval, and again at once after a full batch). Both run as one claim loop on the runtime's
 * executor — at most one claim transaction at a time per subscription — and obey the same rule (due, not leased,
 * oldest pending row of its ordering key). Nothing blocks on a committing thread, the scheduler's thread or the
 * runtime's threads: the scheduler and the fast path only submit the loop.
 *
 * <p>Pause is exact (as in the SPI): the delivering thread announces itself before it checks the flag, and
 * {@link #pause()} waits for a delivery in progress; rows claimed while paused wait in {@code held}.
 */
final class OutboxSubscription implements Subscription {
    static final System.Logger LOG = System.getLogger("dev.tributary.outbox");
    private static final int MAX_FAST_IDS = 10_000;
    private static final int SETTLE_BATCH = 500;

    final String queue;
    private final OutboxConnector connector;
    private final InboundSink sink;
    private final OutboxConfig config;
    private final RetryPolicy retry;
    private final OutboxStore store;
    private final Executor executor;
    private final int maxInFlight;
    private final ScheduledFuture<?> poller;
    /** Until then a failing claim is most likely the application still starting (a server binding its resources). */
    private volatile boolean startupFailureNoted;
    private final long startupGraceUntil = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    private volatile boolean paused;
    private volatile boolean stopped;
    private volatile Thread deliverer;
    private volatile boolean pollWanted = true;
    /**
     * The lease token of rows written already leased to this subscription (the writer stamps it in the caller's
     * transaction). One per subscription, so one settlement statement covers a batch of them; a row whose lease
     * expired and was claimed by anyone else carries that claim's token, so this one settles nothing of it.
     */
    final String preLeaseToken = UUID.randomUUID().toString();
    /** Rows being written leased to this subscription, their transactions not ended yet. */
    private final AtomicInteger preLeasing = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> fastIds = new ConcurrentLinkedQueue<>();
    private final AtomicInteger fastCount = new AtomicInteger();
    private final AtomicBoolean claiming = new AtomicBoolean();
    /** Claimed, not yet handed to the sink (only the claim loop takes from it). */
    private final ConcurrentLinkedQueue<OutboxDelivery> held = new ConcurrentLinkedQueue<>();
    /** Claimed and not yet settled, by id. */
    private final Map<String, OutboxDelivery> inFlight = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Settlement> settlements = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean settling = new AtomicBoolean();
    private final AtomicBoolean renewing = new AtomicBoolean();
    private final CompletableFuture<Void> stoppedStage = new CompletableFuture<>();
    /** Whether claims use SKIP LOCKED (decided on the first claim for {@code claim=auto}). */
    private Boolean skipLocked;
    /** The last claim failure while it lasts (health), else {@code null}. */
    volatile String failing;

    OutboxSubscription(OutboxConnector connector, SubscriptionSpec spec, InboundSink sink, OutboxConfig config,
            OutboxStore store, Executor executor, ScheduledExecutorService scheduler) {
        this.queue = spec.address();
        this.connector = connector;
        this.sink = sink;
        this.config = config;
        this.retry = new RetryPolicy(config.retry());
        this.store = store;
        this.executor = executor;
        this.maxInFlight = Math.max(1, spec.maxInFlight());
        long every = config.pollInterval().toMillis();
        this.poller = scheduler.scheduleWithFixedDelay(this::pollTick, 0, every, TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------ claiming

    private void pollTick() {
        pollWanted = true;
        scheduleClaims();
        renewSoon();
    }

    /**
     * Extends the leases of rows in flight for more than half the lease (a slow handler or foreign broker), so that
     * only a dead node's rows are ever claimed again. Runs on the poll tick: keep {@code poll-interval} below half
     * the lease.
     */
    private void renewSoon() {
        if (stopped || inFlight.isEmpty() || !renewing.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::renewLeases);
        } catch (RejectedExecutionException e) {
            renewing.set(false);
        }
    }

    private void renewLeases() {
        try {
            long leaseNanos = config.lease().toNanos();
            long now = System.nanoTime();
            Map<String, List<OutboxDelivery>> byToken = new LinkedHashMap<>();
            for (OutboxDelivery d : inFlight.values()) {
                if (!d.isSettled() && now - d.leasedAt > leaseNanos / 2) {
                    byToken.computeIfAbsent(d.leaseToken, t -> new ArrayList<>()).add(d);
                }
            }
            for (Map.Entry<String, List<OutboxDelivery>> e : byToken.entrySet()) {
                List<String> ids = new ArrayList<>();
                for (OutboxDelivery d : e.getValue()) {
                    ids.add(d.row.id());
                }
                long stamped = System.nanoTime();
                store.renew(e.getKey(), ids, OutboxStore.now() + config.lease().toMillis());
                for (OutboxDelivery d : e.getValue()) {
                    d.leasedAt = stamped;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "TRB-OBX031 renewing leases of outbox queue '" + queue + "' failed: " + e);
        } finally {
            renewing.set(false);
        }
    }

    // ------------------------------------------------------------------ pre-leased rows (fast path without a claim)

    /**
     * Takes a reservation for one row about to be written already leased to this subscription (with
     * {@link #preLeaseToken}); released by {@link #preLeasedCommitted} or {@link #cancelPreLease}. Refused when the
     * fast path is off, this subscription is stopping or paused, its in-flight bound is reached, or the row has an
     * ordering key and keys are ordered (its eligibility depends on older rows of the key: the claim rule decides).
     * Called on a writer's thread; never blocks.
     */
    boolean reservePreLease(boolean keyed) {
        if (stopped || paused || !config.fastPath() || (keyed && config.orderedKeys())) {
            return false;
        }
        if (preLeasing.incrementAndGet() + inFlight.size() > maxInFlight) {
            preLeasing.decrementAndGet();
            return false;
        }
        return true;
    }

    void cancelPreLease() {
        preLeasing.decrementAndGet();
    }

    long leaseMillis() {
        return config.lease().toMillis();
    }

    /**
     * The transaction that wrote {@code rows} leased to this subscription ended (called from its afterCompletion,
     * no I/O here). Committed: the rows are this subscription's as if claimed — delivered by the claim loop, settled
     * with the token — provided the lease, stamped at {@code stampedNanos}, has at least half of it left (the
     * renewal takes over from there); otherwise (a transaction that outlived half the lease, or this subscription
     * stopped meanwhile) the leases are given back on the executor for the next claim of any node.
     */
    void preLeasedCommitted(List<ClaimedRow> rows, long stampedNanos, boolean committed) {
        preLeasing.addAndGet(-rows.size());
        if (!committed) {
            return;
        }
        boolean fresh = System.nanoTime() - stampedNanos < config.lease().toNanos() / 2;
        boolean taken = false;
        synchronized (this) { // against stop(): rows are in flight before it releases them, or it is seen here
            if (fresh && !stopped) {
                for (ClaimedRow r : rows) {
                    OutboxDelivery d = new OutboxDelivery(r, this);
                    d.leasedAt = stampedNanos;
                    inFlight.put(r.id(), d);
                    held.add(d);
                }
                taken = true;
            }
        }
        if (taken) {
            scheduleClaims(); // if refused, the next poll tick delivers the held rows
            return;
        }
        List<String> ids = new ArrayList<>(rows.size());
        for (ClaimedRow r : rows) {
            ids.add(r.id());
        }
        try {
            executor.execute(() -> {
                try {
                    store.release(preLeaseToken, ids);
                    pollWanted = true;
                    scheduleClaims();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "TRB-OBX026 giving back the leases of " + ids.size() + " committed rows of"
                            + " outbox queue '" + queue + "' failed; they expire after " + config.lease().toMillis()
                            + " ms: " + e);
                }
            });
        } catch (RejectedExecutionException e) {
            // the leases expire; the poller of any node delivers the rows then
        }
    }

    /** Ids committed in this JVM for this queue. @return false when this subscription cannot take them now */
    boolean fastPath(List<String> ids) {
        if (stopped || paused || !config.fastPath()) {
            return false;
        }
        if (fastCount.addAndGet(ids.size()) > MAX_FAST_IDS) {
            fastCount.addAndGet(-ids.size());
            return false; // far behind: the poller takes them
        }
        fastIds.addAll(ids);
        return scheduleClaims();
    }

    /** Starts the claim loop on the executor unless it runs. @return false when the executor refused it */
    private boolean scheduleClaims() {
        if (stopped || !claiming.compareAndSet(false, true)) {
            return true;
        }
        try {
            executor.execute(this::runClaims);
            return true;
        } catch (RejectedExecutionException e) {
            claiming.set(false);
            LOG.log(Level.DEBUG, () -> "TRB-OBX024 the executor refused the relay of '" + queue + "'; the poller retries");
            return false;
        }
    }

    private void runClaims() {
        boolean failed = false;
        try {
            claimLoop();
            failing = null;
        } catch (RuntimeException | Error e) {
            failed = true;
            String was = failing;
            failing = String.valueOf(e);
            if (was == null && System.nanoTime() - startupGraceUntil < 0) {
                // e.g. Payara binds the web module's java:comp/env after the CDI container started: the next poll works
                if (!startupFailureNoted) {
                    startupFailureNoted = true;
                    LOG.log(Level.INFO, "TRB-OBX020 claiming rows of outbox queue '" + queue + "' failed while the "
                            + "application is starting; retrying every " + config.pollInterval().toMillis() + " ms: " + e);
                }
                failing = null; // a failure that lasts past the start-up grace is reported in full
            } else if (was == null) {
                LOG.log(Level.WARNING, "TRB-OBX020 claiming rows of outbox queue '" + queue + "' failed; retrying every "
                        + config.pollInterval().toMillis() + " ms: " + e, e);
            }
        } finally {
            claiming.set(false);
        }
        if (!failed && hasWork()) {
            scheduleClaims();
        }
    }

    private boolean hasWork() {
        if (stopped || paused) {
            return false;
        }
        return !held.isEmpty() || (room() > 0 && (pollWanted || !fastIds.isEmpty()));
    }

    private int room() {
        return Math.min(config.batchSize(), maxInFlight - inFlight.size());
    }

    private void claimLoop() {
        for (;;) {
            if (stopped || paused || !deliverHeld()) {
                return;
            }
            int room = room();
            if (room <= 0) {
                return; // a settlement starts the loop again
            }
            List<String> ids = takeFast(room);
            boolean poll = ids.isEmpty();
            if (poll) {
                if (!pollWanted) {
                    return;
                }
                pollWanted = false;
            }
            long now = OutboxStore.now();
            String token = UUID.randomUUID().toString();
            if (skipLocked == null) {
                skipLocked = switch (config.claim()) {
                    case "skip-locked" -> true;
                    case "update" -> false;
                    default -> store.providerSkipsLocked();
                };
            }
            List<ClaimedRow> rows = store.claim(queue, poll ? null : ids, room, config.orderedKeys(), now,
                    config.lease().toMillis(), token, skipLocked);
            if (poll && rows.size() == room) {
                pollWanted = true; // a full batch: there may be more
            }
            int again = 0;
            for (ClaimedRow r : rows) {
                OutboxDelivery mine = inFlight.get(r.id());
                if (mine != null) {
                    // our own unsettled row whose lease expired: keep the delivery, take over the new lease
                    mine.leaseToken = token;
                    mine.leasedAt = System.nanoTime();
                    again++;
                    continue;
                }
                OutboxDelivery d = new OutboxDelivery(r, this);
                inFlight.put(r.id(), d);
                held.add(d);
            }
            if (again > 0) {
                int n = again;
                LOG.log(Level.WARNING, () -> "TRB-OBX029 " + n + " rows of outbox queue '" + queue + "' were still"
                        + " unsettled here when their lease of " + config.lease().toMillis() + " ms expired; claimed again"
                        + " (not delivered twice), but meanwhile another node could have taken them. Raise"
                        + " tributary.connectors." + connector.name() + ".lease");
            }
        }
    }

    private List<String> takeFast(int max) {
        List<String> ids = new ArrayList<>();
        String id;
        while (ids.size() < max && (id = fastIds.poll()) != null) {
            ids.add(id);
        }
        if (!ids.isEmpty()) {
            fastCount.addAndGet(-ids.size());
        }
        return ids;
    }

    /** Hands held rows to the sink, in claim order. @return false when paused or stopped meanwhile */
    private boolean deliverHeld() {
        OutboxDelivery d;
        while ((d = held.peek()) != null) {
            deliverer = Thread.currentThread();
            try {
                if (paused || stopped) {
                    return false;
                }
                held.poll();
                try {
                    sink.onMessage(d);
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.ERROR, "TRB-OBX025 the sink of outbox queue '" + queue + "' threw; row " + d.row.id()
                            + " stays leased until its lease expires", e);
                }
            } finally {
                deliverer = null;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ settling

    void settle(OutboxDelivery d, Settlement.Kind kind, CompletableFuture<Void> done) {
        ClaimedRow r = d.row;
        inFlight.remove(r.id());
        String lease = d.leaseToken;
        long now = OutboxStore.now();
        boolean keyed = r.orderingKey() != null;
        Settlement s = switch (kind) {
            case DONE -> new Settlement(kind, r.id(), lease, r.attempts(), now, null, keyed, done);
            case RETRY -> {
                int attempts = r.attempts() + 1;
                String error = describe(d.failure, "nacked");
                yield retry.exhausted(attempts, r.created(), now)
                        ? new Settlement(Settlement.Kind.DEAD, r.id(), lease, attempts, now,
                                error + " (gave up after " + attempts + " attempts)", keyed, done)
                        : new Settlement(kind, r.id(), lease, attempts, now + retry.delayMillis(attempts), error,
                                keyed, done);
            }
            case DEAD -> new Settlement(kind, r.id(), lease, r.attempts() + 1, now,
                    describe(d.failure, "rejected"), keyed, done);
        };
        settlements.add(s);
        scheduleSettlements();
    }

    private static String describe(Throwable failure, String what) {
        return failure == null ? what : what + ": " + failure;
    }

    private void scheduleSettlements() {
        if (!settling.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::runSettlements);
        } catch (RejectedExecutionException e) {
            runSettlements(); // the executor is shutting down: write them on this thread
        }
    }

    private void runSettlements() {
        try {
            List<Settlement> batch = new ArrayList<>();
            Settlement s;
            for (;;) {
                batch.clear();
                while (batch.size() < SETTLE_BATCH && (s = settlements.poll()) != null) {
                    batch.add(s);
                }
                if (batch.isEmpty()) {
                    break;
                }
                write(batch);
            }
        } finally {
            settling.set(false);
        }
        if (!settlements.isEmpty()) {
            scheduleSettlements();
        }
        if (hasWork() && !stopped) {
            scheduleClaims();
        }
    }

    private void write(List<Settlement> batch) {
        boolean keyed = false;
        try {
            int lost = store.settle(batch, OutboxStore.now(), !config.retention().isZero());
            if (lost > 0) {
                LOG.log(Level.WARNING, () -> "TRB-OBX022 " + lost + " of " + batch.size() + " settlements on outbox queue '"
                        + queue + "' found their row no longer leased (the lease of " + config.lease().toMillis()
                        + " ms expired, or the subscription stopped): another claim owns it and may deliver it again."
                        + " Raise tributary.connectors." + connector.name() + ".lease if handlers take that long");
            }
            for (Settlement s : batch) {
                keyed |= s.keyed();
                s.done().complete(null);
            }
        } catch (RuntimeException e) {
            TributaryException failure = new TributaryException("TRB-OBX021", "writing " + batch.size()
                    + " settlements of outbox queue '" + queue + "' failed; their rows are delivered again after the lease"
                    + " expires: " + e, e);
            LOG.log(Level.WARNING, failure.getMessage(), e);
            for (Settlement s : batch) {
                s.done().completeExceptionally(failure);
            }
        }
        if (keyed && config.orderedKeys()) {
            pollWanted = true; // the next row of those keys is eligible now
        }
    }

    // ------------------------------------------------------------------ Subscription

    @Override
    public void pause() {
        paused = true;
        awaitNoDelivery();
    }

    @Override
    public void resume() {
        if (paused) {
            paused = false;
            scheduleClaims();
        }
    }

    @Override
    public CompletionStage<Void> stop() {
        synchronized (this) {
            if (stopped) {
                return stoppedStage;
            }
            stopped = true;
        }
        poller.cancel(false);
        connector.forget(this);
        awaitNoDelivery();
        Runnable release = this::releaseUnsettled;
        try {
            executor.execute(release);
        } catch (RejectedExecutionException e) {
            release.run();
        }
        return stoppedStage;
    }

    /** Waits for a running claim and pending settlements, then gives back the leases of unsettled rows. */
    private void releaseUnsettled() {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((claiming.get() || settling.get() || !settlements.isEmpty()) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            held.clear();
            Map<String, List<String>> byToken = new LinkedHashMap<>();
            for (OutboxDelivery d : inFlight.values()) {
                if (!d.isSettled()) {
                    byToken.computeIfAbsent(d.leaseToken, t -> new ArrayList<>()).add(d.row.id());
                }
            }
            int released = 0;
            for (Map.Entry<String, List<String>> e : byToken.entrySet()) {
                released += store.release(e.getKey(), e.getValue());
            }
            if (released > 0) {
                int n = released;
                LOG.log(Level.INFO, () -> "TRB-OBX023 outbox queue '" + queue + "' stopped; released " + n
                        + " unsettled rows for the next claim");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "TRB-OBX026 releasing the leases of outbox queue '" + queue + "' failed; they expire after "
                    + config.lease().toMillis() + " ms: " + e);
        } finally {
            stoppedStage.complete(null);
        }
    }

    boolean isStopped() {
        return stopped;
    }

    private void awaitNoDelivery() {
        Thread self = Thread.currentThread();
        int spins = 0;
        Thread t;
        while ((t = deliverer) != null && t != self) {
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    @Override
    public String toString() {
        return "OutboxSubscription[" + queue + " on " + connector.name() + "]";
    }
}
