package dev.tributary.mqtt;

import dev.tributary.spi.InboundMessage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One received PUBLISH as the runtime sees it. Settlement maps onto MQTT acknowledgement (the client runs with
 * manual acknowledgement): {@link #ack()} and {@link #reject()} send PUBACK (QoS 1) / PUBREC (QoS 2);
 * {@link #nack()} withholds the acknowledgement, so a broker that keeps the session redelivers the message when
 * the session resumes on a new connection. The first settlement wins; later calls do nothing. Thread-safe.
 */
final class MqttInbound implements InboundMessage {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    /** The acknowledgement of a message whose subscription lets the client acknowledge on receipt (ACK_FIRST). */
    static final Runnable CLIENT_ACKNOWLEDGES = () -> { };

    private final byte[] body;
    private final Map<String, String> headers;
    private final String contentType;
    private final String correlationId;
    private final String replyTo;
    private final MqttMetadata metadata;
    private final Runnable acknowledge;
    private final AtomicBoolean settled = new AtomicBoolean();

    MqttInbound(byte[] body, Map<String, String> headers, String contentType, String correlationId, String replyTo,
            MqttMetadata metadata, Runnable acknowledge) {
        this.body = body;
        this.headers = headers;
        this.contentType = contentType;
        this.correlationId = correlationId;
        this.replyTo = replyTo;
        this.metadata = metadata;
        this.acknowledge = acknowledge;
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public String correlationId() {
        return correlationId;
    }

    @Override
    public String replyTo() {
        return replyTo;
    }

    @Override
    public String address() {
        return metadata.topic();
    }

    /** WIRE-FORMAT: on 5.0 the message id is the correlation id; 3.1.1 has none (the runtime falls back). */
    @Override
    public String messageId() {
        return correlationId;
    }

    @Override
    public String key() {
        return null;
    }

    @Override
    public MqttMetadata metadata() {
        return metadata;
    }

    int qos() {
        return metadata.qos();
    }

    boolean isSettled() {
        return settled.get();
    }

    @Override
    public CompletionStage<Void> ack() {
        if (settled.compareAndSet(false, true)) {
            sendAck();
        }
        return DONE;
    }

    /** Withholds the acknowledgement: the broker redelivers when the persistent session resumes. */
    @Override
    public CompletionStage<Void> nack() {
        settled.compareAndSet(false, true);
        return DONE;
    }

    /** MQTT has no negative acknowledgement: reject acknowledges, so the broker forgets the message. */
    @Override
    public CompletionStage<Void> reject() {
        return ack();
    }

    private void sendAck() {
        try {
            acknowledge.run();
        } catch (RuntimeException e) {
            // the subscription or session is gone (stop, unsubscribe, new session): nothing left to acknowledge
        }
    }

    @Override
    public String toString() {
        return "MqttInbound[" + metadata.topic() + ", QoS " + metadata.qos() + ", " + body.length + " bytes]";
    }
}
