package dev.tributary.mqtt;

import dev.tributary.spi.InboundSink;
import dev.tributary.spi.Subscription;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One MQTT subscription (a topic filter at a QoS, maybe shared) feeding one runtime sink.
 *
 * <p>Delivery: the HiveMQ client calls {@link #onPublish} on its event loop; the message goes to the sink on that
 * thread unless the subscription is paused, in which case it waits in a buffer and is delivered, in arrival order,
 * on the thread that calls {@link #resume()}.
 *
 * <p>Pause is exact: delivering and pausing share one monitor, so when {@link #pause()} returns no delivery is
 * running and none starts until {@link #resume()} (a pause from inside {@code onMessage} re-enters the monitor).
 * What bounds the buffer: QoS 1/2 messages in it are not acknowledged, so the broker stops sending once the
 * client's unacknowledged window is full (5.0 {@code receive-maximum}, the broker's {@code max_inflight_messages}
 * on 3.1.1); QoS 0 messages have no such window, so beyond {@code receive-maximum} of them the newest are dropped
 * ({@code TRB-MQT017}), as MQTT's at-most-once allows.
 */
final class MqttSubscription implements Subscription {

    private static final System.Logger LOG = System.getLogger(MqttSubscription.class.getName());

    private final MqttConnector connector;
    final String filter;
    final int qos;
    private final InboundSink sink;
    private final int qos0Limit;
    private final ArrayDeque<MqttInbound> buffer = new ArrayDeque<>();
    private int bufferedQos0;
    private long droppedQos0;
    private boolean paused;
    private boolean stopped;

    MqttSubscription(MqttConnector connector, String filter, int qos, InboundSink sink, int qos0Limit) {
        this.connector = connector;
        this.filter = filter;
        this.qos = qos;
        this.sink = sink;
        this.qos0Limit = qos0Limit;
    }

    /** A message for this subscription (client event loop, or the connector handing over a resumed session's message). */
    void onPublish(MqttInbound m) {
        synchronized (this) {
            if (stopped) {
                return; // left unacknowledged: the broker's to redeliver when the session resumes
            }
            if (paused || !buffer.isEmpty()) {
                hold(m);
                return;
            }
            deliver(m);
        }
    }

    private void hold(MqttInbound m) {
        if (m.qos() == 0) {
            if (bufferedQos0 >= qos0Limit) {
                if (droppedQos0++ % 1000 == 0) {
                    LOG.log(Level.WARNING, "TRB-MQT017 subscription '" + filter + "' is paused and holds " + bufferedQos0
                            + " QoS 0 messages (receive-maximum); dropping the newest (" + droppedQos0
                            + " so far). Use QoS 1 for messages that must not be lost");
                }
                return;
            }
            bufferedQos0++;
        }
        buffer.addLast(m);
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
        synchronized (this) {
            paused = true;
        }
    }

    @Override
    public void resume() {
        synchronized (this) {
            paused = false;
            MqttInbound m;
            while (!paused && !stopped && (m = buffer.pollFirst()) != null) {
                if (m.qos() == 0) {
                    bufferedQos0--;
                }
                deliver(m);
            }
        }
    }

    /** Whether the subscription is paused now (tests, diagnostics). */
    synchronized boolean isPaused() {
        return paused;
    }

    synchronized int buffered() {
        return buffer.size();
    }

    @Override
    public CompletionStage<Void> stop() {
        synchronized (this) {
            if (stopped) {
                return CompletableFuture.completedFuture(null);
            }
            stopped = true;
            buffer.clear(); // unacknowledged: redelivered when a persistent session resumes
            bufferedQos0 = 0;
        }
        return connector.unsubscribe(this);
    }

    /** The connection failed for good: tell the runtime. */
    void fail(Throwable failure) {
        try {
            sink.onFailure(failure);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "TRB-MQT022 the sink of subscription '" + filter + "' threw in onFailure", e);
        }
    }

    synchronized boolean isStopped() {
        return stopped;
    }

    @Override
    public String toString() {
        return "MqttSubscription[" + filter + ", QoS " + qos + "]";
    }
}
