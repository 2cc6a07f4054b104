package dev.tributary.mqtt;

import dev.tributary.spi.InboundSink;
import dev.tributary.spi.Subscription;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One MQTT subscription (a topic filter at a QoS, maybe shared) feeding one runtime sink.
 *
 * <p>Delivery: the HiveMQ client calls {@link #onPublish} on its Netty event loop (no hand-off to another thread);
 * the message goes to the sink on that thread unless the subscription is paused, in which case it waits in a buffer
 * and is delivered, in arrival order, by the thread that calls {@link #resume()} (or by the event loop, whichever
 * gets there first). One thread at a time delivers (a lock); arrival order is kept. The event loop never waits for
 * that lock: an arrival that finds it taken is queued (lock-free) for the thread holding it, which takes it before
 * letting go, so a resume delivering a long buffer does not stall the client's I/O.
 *
 * <p>Pause is exact: {@link #pause()} sets the flag, then takes the delivery lock once, so when it returns no
 * delivery is running and every later one sees the flag (a pause from inside {@code onMessage} re-enters the
 * lock). {@link #resume()} clears the flag at once, without waiting for the lock, so a resume is never delayed past
 * a later pause (the runtime pauses from inside {@code onMessage}); it then drains the buffer if no other thread is
 * delivering, and otherwise that thread drains it when it lets go of the lock.
 *
 * <p>What bounds the buffer: QoS 1/2 messages in it are not acknowledged, so the broker stops sending once the
 * client's unacknowledged window is full (5.0 {@code receive-maximum}, the broker's {@code max_inflight_messages});
 * QoS 0 messages have no such window, so beyond {@code receive-maximum} of them the newest are dropped
 * ({@code TRB-MQT017}), as MQTT's at-most-once allows. The same holds for every message of an {@code ACK_FIRST}
 * subscription, which the client acknowledges on receipt (so no window stops the broker).
 */
final class MqttSubscription implements Subscription {

    private static final System.Logger LOG = System.getLogger(MqttSubscription.class.getName());

    private final MqttConnector connector;
    final String filter;
    final int qos;
    private final InboundSink sink;
    private final int qos0Limit;
    /** ACK_FIRST: the client acknowledged each message on receipt, so no window bounds what waits while paused. */
    private final boolean clientAcks;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. */
    private final ArrayDeque<MqttInbound> buffer = new ArrayDeque<>();
    /** Arrivals that found the lock taken, in arrival order; taken by the lock holder (see {@link #onPublish}). */
    private final ConcurrentLinkedQueue<MqttInbound> inbox = new ConcurrentLinkedQueue<>();
    private volatile int buffered;
    private int bufferedQos0;
    private long droppedQos0;
    private volatile boolean paused;
    private volatile boolean stopped;
    private final List<MqttInbound> droppedAtStop = new java.util.ArrayList<>();
    private volatile boolean acknowledgeWhileStopped;

    MqttSubscription(MqttConnector connector, String filter, int qos, InboundSink sink, int qos0Limit, boolean clientAcks) {
        this.connector = connector;
        this.clientAcks = clientAcks;
        this.filter = filter;
        this.qos = qos;
        this.sink = sink;
        this.qos0Limit = qos0Limit;
    }

    /**
     * A message for this subscription (client event loop, or the connector handing over a resumed session's message).
     * Never waits for the delivery lock: when another thread holds it (a resume delivering what waited, a pause),
     * the message goes to {@link #inbox} and that thread takes it, in arrival order, before it lets go of the lock.
     */
    void onPublish(MqttInbound m) {
        if (inbox.isEmpty() && lock.tryLock()) {
            try {
                accept(m);
                drainLocked();
            } finally {
                lock.unlock();
            }
        } else {
            inbox.offer(m); // behind earlier arrivals still queued, or for the thread holding the lock
        }
        drainIfResumed();
    }

    /** One arrival, in order; the caller holds the lock. */
    private void accept(MqttInbound m) {
        if (stopped) {
            if (acknowledgeWhileStopped) {
                m.ack(); // another subscription of this filter has its own copy
            }
            return; // else left unacknowledged: the broker's to redeliver when the session resumes
        }
        if (paused || !buffer.isEmpty()) {
            hold(m);
        } else {
            deliver(m);
        }
    }

    private void hold(MqttInbound m) {
        if (unbounded(m)) {
            if (bufferedQos0 >= qos0Limit) {
                if (droppedQos0++ % 1000 == 0) {
                    LOG.log(Level.WARNING, "TRB-MQT017 subscription '" + filter + "' is paused and holds " + bufferedQos0
                            + (clientAcks ? " messages acknowledged on receipt (ACK_FIRST)" : " QoS 0 messages")
                            + " (receive-maximum); dropping the newest (" + droppedQos0
                            + " so far). Use QoS 1 and an ack policy other than ACK_FIRST for messages that must not be lost");
                }
                m.ack(); // at-most-once: settled, so it does not hold a slot of the broker's window
                return;
            }
            bufferedQos0++;
        }
        buffer.addLast(m);
        buffered = buffer.size();
    }

    /** Whether nothing but {@link #qos0Limit} bounds how many such messages wait: QoS 0, or acknowledged on receipt. */
    private boolean unbounded(MqttInbound m) {
        return m.qos() == 0 || clientAcks;
    }

    /**
     * Delivers buffered messages while not paused, then takes what arrived in the inbox meanwhile (delivered, or
     * held when paused); the caller holds the lock.
     */
    private void drainLocked() {
        for (;;) {
            MqttInbound m;
            while (!paused && !stopped && (m = buffer.pollFirst()) != null) {
                buffered = buffer.size();
                if (unbounded(m)) {
                    bufferedQos0--;
                }
                deliver(m);
            }
            if (lock.hasQueuedThreads()) {
                return; // a pause or stop waits for the lock: it takes the rest of the inbox after it
            }
            m = inbox.poll();
            if (m == null) {
                return;
            }
            accept(m);
        }
    }

    /**
     * After letting go of the lock: an arrival queued in the inbox or a resume that came meanwhile could not be
     * handled by the thread that saw the lock taken; do it now (no lost wake-up: they checked before we let go).
     */
    private void drainIfResumed() {
        while ((!inbox.isEmpty() || (!paused && !stopped && buffered > 0)) && !lock.hasQueuedThreads() && lock.tryLock()) {
            try {
                drainLocked();
            } finally {
                lock.unlock();
            }
        }
    }

    private void deliver(MqttInbound m) {
        try {
            sink.onMessage(m);
        } catch (RuntimeException | Error e) {
            // the sink contract says it never throws; keep consuming, leave the message unacknowledged
            LOG.log(Level.ERROR, "TRB-MQT022 the sink of subscription '" + filter + "' threw while receiving a message"
                    + " from '" + m.address() + "'", e);
        }
    }

    @Override
    public void pause() {
        paused = true;
        if (!lock.isHeldByCurrentThread()) {
            lock.lock(); // waits for a delivery another thread is making; later ones see the flag
            lock.unlock();
            drainIfResumed(); // arrivals the delivering thread left in the inbox for us: held now
        }
    }

    @Override
    public void resume() {
        paused = false;
        if (lock.isHeldByCurrentThread()) {
            return; // resumed from inside onMessage: the delivering loop continues
        }
        drainIfResumed();
    }

    /** Whether the subscription is paused now (tests, diagnostics). */
    boolean isPaused() {
        return paused;
    }

    int buffered() {
        return buffered;
    }

    @Override
    public CompletionStage<Void> stop() {
        return markStopped() ? connector.unsubscribe(this, true) : CompletableFuture.completedFuture(null);
    }

    /**
     * Shutdown: stops delivering but sends no UNSUBSCRIBE, so a persistent session (stable client id, no clean
     * start, session expiry above 0) keeps the subscription and the broker queues what arrives meanwhile.
     */
    @Override
    public CompletionStage<Void> detach() {
        return markStopped() ? connector.unsubscribe(this, false) : CompletableFuture.completedFuture(null);
    }

    private boolean markStopped() {
        lock.lock();
        try {
            if (stopped) {
                return false;
            }
            stopped = true;
            droppedAtStop.addAll(buffer); // unacknowledged: redelivered when a persistent session resumes
            buffer.clear();
            buffered = 0;
            bufferedQos0 = 0;
            return true;
        } finally {
            lock.unlock();
            drainIfResumed(); // arrivals still in the inbox: settled as a stopped subscription's
        }
    }

    /** Another live subscription keeps the broker subscription of this filter: acknowledge what still arrives here. */
    void acknowledgeWhileStopped() {
        List<MqttInbound> held;
        lock.lock();
        try {
            acknowledgeWhileStopped = true;
            held = List.copyOf(droppedAtStop);
            droppedAtStop.clear();
        } finally {
            lock.unlock();
        }
        held.forEach(MqttInbound::ack);
    }

    /** The connection failed for good: tell the runtime. */
    void fail(Throwable failure) {
        try {
            sink.onFailure(failure);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "TRB-MQT022 the sink of subscription '" + filter + "' threw in onFailure", e);
        }
    }

    boolean isStopped() {
        return stopped;
    }

    @Override
    public String toString() {
        return "MqttSubscription[" + filter + ", QoS " + qos + "]";
    }
}
