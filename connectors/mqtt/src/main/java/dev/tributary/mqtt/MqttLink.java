package dev.tributary.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The protocol-specific half of the connector: the HiveMQ 5.0 or 3.1.1 client behind one small surface, so the
 * rest of the connector is written once. Implementations are {@link Mqtt5Link} and {@link Mqtt3Link}.
 *
 * <p>Threading: every method may be called from any thread and returns at once; callbacks run on the client's
 * event-loop threads and must not block. Received messages use manual acknowledgement unless a subscription asks
 * for the client's own.
 */
interface MqttLink {

    System.Logger LOG = System.getLogger(MqttLink.class.getName());

    /** Callback executor that runs the callback on the thread the client emits on: its Netty event loop. */
    java.util.concurrent.Executor ON_EVENT_LOOP = Runnable::run;

    /** The HiveMQ client ({@code Mqtt5Client} or {@code Mqtt3Client}). */
    MqttClient client();

    /** Connects once; completes with whether the broker had a session, fails with the client's exception. */
    CompletableFuture<Boolean> connect();

    /**
     * Subscribes; completes on a successful SUBACK, fails with a coded error when the broker refused. With
     * {@code manualAck} false the client acknowledges each QoS 1/2 message itself once the callback returned (the
     * message's own acknowledgement then does nothing).
     *
     * <p>{@code onEventLoop} true: the callback runs on the client's Netty event loop as the message is decoded
     * ({@link #ON_EVENT_LOOP} as the callback executor: no hand-off), so it must be short and never block: right for
     * the runtime's sink, whose {@code onMessage} never blocks. False: on the client's application scheduler (RxJava's
     * computation threads, one more thread hand-off per message), for callbacks that complete futures application
     * code chains on. The HiveMQ client's default for both its asynchronous and its reactive API is the latter.
     */
    CompletableFuture<Void> subscribe(String filter, int qos, boolean noLocal, boolean manualAck, boolean onEventLoop,
            Consumer<MqttInbound> callback);

    CompletableFuture<Void> unsubscribe(String filter);

    /**
     * Receives the messages no subscription of this client claims (a resumed session's redeliveries that arrive
     * before the application subscribed again), on the client's event loop like a subscription with
     * {@code onEventLoop}. Register before {@link #connect()}.
     */
    void remaining(Consumer<MqttInbound> callback);

    /**
     * Hands a message to a callback on the client's event loop. A callback that threw would end the client's flow
     * (the subscription would receive nothing more), so a failure is logged and the message left unsettled.
     */
    static void deliver(String connector, String filter, Consumer<MqttInbound> callback, MqttInbound m) {
        try {
            callback.accept(m);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "TRB-MQT022 MQTT connector '" + connector + "': delivering a message of '"
                    + filter + "' failed; the message stays unacknowledged", e);
        }
    }


    /** Publishes; completes when the broker acknowledged at the message's QoS. */
    CompletableFuture<Void> publish(MqttOutgoing message);

    CompletableFuture<Void> disconnect();

    /** Whether the client is connected now. */
    boolean connected();

    /**
     * A message to publish, resolved from the runtime's {@code OutboundMessage} and the options.
     *
     * @param messageExpirySeconds 5.0 only; {@code null}: none
     */
    record MqttOutgoing(String topic, byte[] body, int qos, boolean retain, Long messageExpirySeconds,
            String contentType, String correlationId, String replyTo, Map<String, String> headers) {
    }
}
