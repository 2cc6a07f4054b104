package dev.tributary.memory;

import dev.tributary.spi.AddressTemplate;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A queue of the in-memory broker: the messages of one subscription, or of one consumer group on one
 * address, waiting for a consumer.
 *
 * <p>Delivery happens on the calling thread (the publisher's, or the one resuming a consumer): whoever
 * wins the queue's drain flag delivers queued messages in order until the queue is empty or no consumer
 * is available; everyone else just enqueues. So one thread at a time delivers per queue, in queue order,
 * with no per-message lock and no hand-off. When the queue is empty and free, a publish hands the message
 * straight to a consumer without queueing it.
 *
 * <p>Consumers are chosen round robin; a message with an ordering key always goes to the same consumer
 * while the consumers do not change (order per key), and waits when that consumer is paused.
 */
final class MemoryQueue {

    private static final MemorySubscription[] NONE = new MemorySubscription[0];
    private static final VarHandle DRAINING;
    private static final VarHandle WAKEUPS;

    static {
        try {
            DRAINING = MethodHandles.lookup().findVarHandle(MemoryQueue.class, "draining", int.class);
            WAKEUPS = MethodHandles.lookup().findVarHandle(MemoryQueue.class, "wakeups", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final MemoryBroker broker;
    final AddressTemplate template;
    /** The consumer group, or {@code null} for a subscription's own queue. */
    final String group;

    private final ConcurrentLinkedDeque<MemoryDelivery> pending = new ConcurrentLinkedDeque<>();
    /** Messages in {@link #pending} (kept apart: the deque's size() is a walk). */
    private final AtomicInteger queued = new AtomicInteger();
    /** Publishes waiting for room (flow control), completed when the queue drained to {@link #lowWater}. */
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> blocked = new ConcurrentLinkedQueue<>();
    private volatile int lowWater;
    private volatile MemorySubscription[] consumers = NONE;
    private volatile int draining;
    /** Bumped when a consumer becomes available (resume, subscribe), so a stuck drainer looks again. */
    private volatile int wakeups;
    private volatile boolean deleted;
    private int next; // round-robin position; only the drainer touches it

    MemoryQueue(MemoryBroker broker, AddressTemplate template, String group) {
        this.broker = broker;
        this.template = template;
        this.group = group;
    }

    boolean matches(String address) {
        return template.match(address) != null;
    }

    /** Enqueues a message and delivers what it can on this thread. */
    void offer(MemoryDelivery d) {
        if (pending.isEmpty() && tryLock()) {
            // fast path: nothing queued, nobody delivering: straight to a consumer
            MemorySubscription c = pick(d.record.key());
            if (c != null) {
                try {
                    c.deliver(d);
                } finally {
                    c.release();
                }
            } else {
                enqueue(d);
            }
            drainLockedThenUnlock();
            return;
        }
        enqueue(d);
        drain();
    }

    private void enqueue(MemoryDelivery d) {
        pending.offer(d);
        queued.incrementAndGet();
    }

    /** Whether more than {@code max} messages wait in this queue. */
    boolean isFull(int max) {
        return queued.get() > max;
    }

    /**
     * A stage that completes once the queue has drained to half of {@code max} (or was deleted): the flow
     * control of a publish that found the queue full.
     */
    CompletableFuture<Void> awaitRoom(int max) {
        CompletableFuture<Void> room = new CompletableFuture<>();
        lowWater = max / 2;
        blocked.add(room);
        if (queued.get() <= lowWater || deleted) {
            releaseBlocked();
        }
        return room;
    }

    private void releaseBlocked() {
        CompletableFuture<Void> f;
        while ((f = blocked.poll()) != null) {
            f.complete(null);
        }
    }

    /** Delivers queued messages if no other thread is doing it. */
    void drain() {
        if (tryLock()) {
            drainLockedThenUnlock();
        }
    }

    /** A consumer may have become available: deliver what waits. */
    void wake() {
        WAKEUPS.getAndAdd(this, 1);
        drain();
    }

    private void drainLockedThenUnlock() {
        while (true) {
            int seen = wakeups;
            boolean stuck = !drainLocked();
            draining = 0;
            // a message enqueued, or a consumer resumed, while we held the flag is ours to deliver
            if (pending.isEmpty() || (stuck && seen == wakeups) || !tryLock()) {
                return;
            }
        }
    }

    /** Delivers until the queue is empty (true) or its head has no available consumer (false). */
    private boolean drainLocked() {
        MemoryDelivery head;
        while ((head = pending.peekFirst()) != null) {
            MemorySubscription c = pick(head.record.key());
            if (c == null) {
                return false;
            }
            try {
                MemoryDelivery d = pending.pollFirst();
                if (d == null) {
                    return true;
                }
                if (queued.decrementAndGet() <= lowWater && !blocked.isEmpty()) {
                    releaseBlocked();
                }
                c.deliver(d);
            } finally {
                c.release();
            }
        }
        return true;
    }

    /** A claimed consumer for a message with this key, or {@code null} when none can take it now. */
    private MemorySubscription pick(String key) {
        MemorySubscription[] cs = consumers;
        int n = cs.length;
        if (n == 0) {
            return null;
        }
        if (n == 1) {
            MemorySubscription c = cs[0];
            return c.tryClaim() ? c : null;
        }
        if (key != null) {
            MemorySubscription c = cs[Math.floorMod(key.hashCode(), n)];
            return c.tryClaim() ? c : null;
        }
        for (int i = 0; i < n; i++) {
            int at = (next + i) % n;
            MemorySubscription c = cs[at];
            if (c.tryClaim()) {
                next = (at + 1) % n;
                return c;
            }
        }
        return null;
    }

    private boolean tryLock() {
        return draining == 0 && DRAINING.compareAndSet(this, 0, 1);
    }

    synchronized void add(MemorySubscription c) {
        MemorySubscription[] cs = Arrays.copyOf(consumers, consumers.length + 1);
        cs[cs.length - 1] = c;
        consumers = cs;
    }

    /** Removes a consumer; a subscription's own queue is deleted with its consumer. */
    synchronized void remove(MemorySubscription c) {
        MemorySubscription[] cs = consumers;
        int i = Arrays.asList(cs).indexOf(c);
        if (i < 0) {
            return;
        }
        MemorySubscription[] less = new MemorySubscription[cs.length - 1];
        System.arraycopy(cs, 0, less, 0, i);
        System.arraycopy(cs, i + 1, less, i, cs.length - i - 1);
        consumers = less;
        if (group == null) {
            deleted = true;
            pending.clear();
            queued.set(0);
            releaseBlocked();
            broker.removeQueue(this);
        }
    }

    boolean hasConsumers() {
        return consumers.length > 0;
    }

    boolean isDeleted() {
        return deleted;
    }

    int size() {
        return queued.get();
    }

    /** Puts messages taken back from a stopped consumer at the front, in their order, then delivers. */
    void requeueFirst(List<MemoryDelivery> reclaimed) {
        if (deleted || reclaimed.isEmpty()) {
            return;
        }
        for (int i = reclaimed.size() - 1; i >= 0; i--) {
            MemoryDelivery d = reclaimed.get(i);
            pending.offerFirst(broker.delivery(d.record, d.redeliveries + 1, this));
            queued.incrementAndGet();
        }
        drain();
    }

    /** A delivery of this queue was settled (first settlement only). */
    void settled(MemoryDelivery d, int outcome) {
        MemorySubscription owner = d.owner;
        if (owner == null || outcome == MemoryDelivery.ACKED) {
            return;
        }
        MemoryConfig config = owner.connector.config();
        if (outcome == MemoryDelivery.NACKED && config.redelivery()
                && (config.maxRedeliveries() < 0 || d.redeliveries < config.maxRedeliveries())) {
            if (!deleted) {
                // ahead of newer messages, like a broker's requeue
                pending.offerFirst(broker.delivery(d.record, d.redeliveries + 1, this));
                queued.incrementAndGet();
                drain();
            }
            return;
        }
        String deadLetter = owner.deadLetter;
        if (deadLetter != null && !deadLetter.equals(d.record.address())) {
            owner.connector.deadLetter(d, deadLetter);
        }
    }

    @Override
    public String toString() {
        return group == null ? template.raw() : template.raw() + " (group " + group + ")";
    }
}
