package dev.tributary.mqtt;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Messages that reached the client but no subscription of it: a resumed persistent session's redeliveries that
 * arrive right after CONNACK, before the application subscribed again, and stragglers sent before an UNSUBSCRIBE
 * took effect. They wait, unacknowledged, for a subscription whose filter matches ({@link #claim}). One that nobody
 * claims within the grace period belongs to a subscription the application no longer has (left in the persistent
 * session): it is acknowledged and dropped with {@code TRB-MQT027}, because held forever it would fill the
 * broker's in-flight window and starve every other subscription. Thread-safe.
 */
final class UnclaimedMessages {

    private static final System.Logger LOG = System.getLogger(UnclaimedMessages.class.getName());

    private record Waiting(MqttInbound message, long since) {
    }

    private final String connector;
    private final long graceNanos;
    private final ScheduledExecutorService scheduler;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private boolean sweepScheduled;

    UnclaimedMessages(String connector, long graceMillis, ScheduledExecutorService scheduler) {
        this.connector = connector;
        this.graceNanos = TimeUnit.MILLISECONDS.toNanos(graceMillis);
        this.scheduler = scheduler;
    }

    synchronized void add(MqttInbound m) {
        waiting.addLast(new Waiting(m, System.nanoTime()));
        if (!sweepScheduled) {
            sweepScheduled = true;
            scheduler.schedule(this::sweep, graceNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Removes and returns the waiting messages whose topic matches the filter, in arrival order. */
    synchronized List<MqttInbound> claim(String filter) {
        List<MqttInbound> mine = new ArrayList<>();
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext();) {
            MqttInbound m = it.next().message();
            if (MqttTopics.matches(filter, m.address())) {
                mine.add(m);
                it.remove();
            }
        }
        return mine;
    }

    synchronized int size() {
        return waiting.size();
    }

    private void sweep() {
        List<MqttInbound> expired = new ArrayList<>();
        synchronized (this) {
            sweepScheduled = false;
            long now = System.nanoTime();
            while (!waiting.isEmpty() && now - waiting.peekFirst().since() >= graceNanos) {
                expired.add(waiting.pollFirst().message());
            }
            if (!waiting.isEmpty()) {
                sweepScheduled = true;
                scheduler.schedule(this::sweep, graceNanos - (now - waiting.peekFirst().since()), TimeUnit.NANOSECONDS);
            }
        }
        for (MqttInbound m : expired) {
            m.ack();
            LOG.log(Level.WARNING, () -> "TRB-MQT027 MQTT connector '" + connector + "': a message on '" + m.address()
                    + "' matched no subscription of this application (a subscription left in the persistent session?);"
                    + " acknowledged and dropped. Unsubscribe it, or connect once with clean-start=true");
        }
    }
}
