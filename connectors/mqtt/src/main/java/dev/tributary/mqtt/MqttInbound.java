package dev.tributary.mqtt;

import dev.tributary.spi.InboundMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One received PUBLISH as the runtime sees it. Settlement maps onto MQTT acknowledgement (the client runs with
 * manual acknowledgement): {@link #ack()} and {@link #reject()} send PUBACK (QoS 1) / PUBREC (QoS 2);
 * {@link #nack()} withholds the acknowledgement, so a broker that keeps the session redelivers the message when
 * the session resumes on a new connection. The first settlement wins; later calls do nothing. Thread-safe.
 *
 * <p>Cheap to create: it keeps the client's immutable message and reads what is asked for when it is asked (the
 * body copy on first {@link #body()}, headers and {@link MqttMetadata} only when a handler wants them), so the
 * client's thread, which creates it, does no per-message work that nobody reads. Subclasses per protocol version
 * ({@link Mqtt5Link}, {@link Mqtt3Link}) say how.
 */
abstract class MqttInbound implements InboundMessage {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final AtomicIntegerFieldUpdater<MqttInbound> SETTLED =
            AtomicIntegerFieldUpdater.newUpdater(MqttInbound.class, "settled");

    /** Whether {@link #acknowledgeAtClient()} must send the acknowledgement (false: the client acknowledged). */
    private final boolean manualAck;
    private volatile int settled;
    private volatile byte[] body;
    private volatile String topic;
    private volatile MqttMetadata metadata;

    MqttInbound(boolean manualAck) {
        this.manualAck = manualAck;
    }

    /** A copy of the payload (the client keeps its own, immutable). */
    abstract byte[] readBody();

    abstract String readTopic();

    abstract MqttMetadata readMetadata();

    /** Sends the acknowledgement through the client (thread-safe; the client hands it to its event loop). */
    abstract void acknowledgeAtClient();

    @Override
    public byte[] body() {
        byte[] b = body;
        if (b == null) {
            body = b = readBody();
        }
        return b;
    }

    @Override
    public String address() {
        String t = topic;
        if (t == null) {
            topic = t = readTopic();
        }
        return t;
    }

    /** WIRE-FORMAT: on 5.0 the message id is the correlation id; 3.1.1 has none (the runtime falls back). */
    @Override
    public String messageId() {
        return correlationId();
    }

    @Override
    public String key() {
        return null;
    }

    @Override
    public MqttMetadata metadata() {
        MqttMetadata m = metadata;
        if (m == null) {
            metadata = m = readMetadata();
        }
        return m;
    }

    abstract int qos();

    boolean isSettled() {
        return settled != 0;
    }

    @Override
    public CompletionStage<Void> ack() {
        if (SETTLED.compareAndSet(this, 0, 1)) {
            sendAck();
        }
        return DONE;
    }

    /** Withholds the acknowledgement: the broker redelivers when the persistent session resumes. */
    @Override
    public CompletionStage<Void> nack() {
        SETTLED.compareAndSet(this, 0, 2);
        return DONE;
    }

    /** MQTT has no negative acknowledgement: reject acknowledges, so the broker forgets the message. */
    @Override
    public CompletionStage<Void> reject() {
        return ack();
    }

    private void sendAck() {
        if (!manualAck) {
            return; // the client acknowledged on receipt (ACK_FIRST, reply subscriptions)
        }
        try {
            acknowledgeAtClient();
        } catch (RuntimeException e) {
            // the subscription or session is gone (stop, unsubscribe, new session): nothing left to acknowledge
        }
    }

    @Override
    public String toString() {
        return "MqttInbound[" + address() + ", QoS " + qos() + ", " + body().length + " bytes]";
    }
}
