package dev.tributary.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedListener;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedListener;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuth;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscribe;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@link MqttLink} over the HiveMQ MQTT 3.1.1 client: the payload is all there is. Headers are refused before
 * they get here ({@code TRB-MQT006}); content type, correlation id and reply address are not carried.
 */
final class Mqtt3Link implements MqttLink {

    private final String connector;
    private final MqttConfig config;
    private final Mqtt3AsyncClient client;

    Mqtt3Link(String connector, MqttConfig config, MqttClientTransportConfig transport,
            MqttClientConnectedListener connected, MqttClientDisconnectedListener disconnected) {
        this.connector = connector;
        this.config = config;
        this.client = MqttClient.builder().useMqttVersion3().identifier(config.clientId()).transportConfig(transport)
                .addConnectedListener(connected).addDisconnectedListener(disconnected).buildAsync();
    }

    @Override
    public Mqtt3Client client() {
        return client;
    }

    @Override
    public CompletableFuture<Boolean> connect() {
        Mqtt3ConnectBuilder b = Mqtt3Connect.builder().cleanSession(config.cleanStart())
                .keepAlive((int) Math.min(65535, config.keepAlive().toSeconds()));
        if (config.username() != null) {
            var auth = Mqtt3SimpleAuth.builder().username(config.username());
            if (config.password() != null) {
                auth = auth.password(config.password().getBytes(StandardCharsets.UTF_8));
            }
            b.simpleAuth(auth.build());
        }
        if (config.will() != null) {
            MqttConfig.Will w = config.will();
            b.willPublish(Mqtt3Publish.builder().topic(w.topic()).qos(MqttQos.fromCode(w.qos())).retain(w.retain())
                    .payload(w.payload().getBytes(StandardCharsets.UTF_8)).build());
        }
        return client.connect(b.build()).thenApply(ack -> ack.isSessionPresent());
    }

    @Override
    public CompletableFuture<Void> subscribe(String filter, int qos, boolean noLocal, boolean manualAck,
            boolean onEventLoop, Consumer<MqttInbound> callback) {
        Mqtt3Subscribe subscribe = Mqtt3Subscribe.builder().topicFilter(filter).qos(MqttQos.fromCode(qos)).build();
        CompletableFuture<Mqtt3SubAck> acked = onEventLoop
                ? client.subscribe(subscribe, p -> MqttLink.deliver(connector, filter, callback, inbound(p, manualAck)),
                        MqttLink.ON_EVENT_LOOP, manualAck)
                : client.subscribe(subscribe, p -> callback.accept(inbound(p, manualAck)), manualAck);
        return acked.thenAccept(ack -> {
            for (Mqtt3SubAckReturnCode code : ack.getReturnCodes()) {
                if (code.isError()) {
                    throw MqttErrors.subscribeRefused(connector, filter, code.toString());
                }
            }
        });
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String filter) {
        return client.unsubscribeWith().topicFilter(filter).send();
    }

    @Override
    public void remaining(Consumer<MqttInbound> callback) {
        client.publishes(MqttGlobalPublishFilter.REMAINING,
                p -> MqttLink.deliver(connector, "(no subscription)", callback, inbound(p, true)),
                MqttLink.ON_EVENT_LOOP, true);
    }

    @Override
    public CompletableFuture<Void> publish(MqttOutgoing m) {
        Mqtt3Publish publish = Mqtt3Publish.builder().topic(m.topic()).qos(MqttQos.fromCode(m.qos())).retain(m.retain())
                .payload(m.body()).build();
        return client.publish(publish).thenApply(p -> null);
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return client.disconnect();
    }

    @Override
    public boolean connected() {
        return client.getState() == MqttClientState.CONNECTED;
    }

    /** {@code manualAck} false: the client acknowledges by itself, the message's acknowledgement does nothing. */
    static MqttInbound inbound(Mqtt3Publish p, boolean manualAck) {
        return new Inbound3(p, manualAck);
    }

    /** A received 3.1.1 PUBLISH: topic, QoS, retain and the payload are all it has. */
    static final class Inbound3 extends MqttInbound {

        private final Mqtt3Publish p;

        Inbound3(Mqtt3Publish p, boolean manualAck) {
            super(manualAck);
            this.p = p;
        }

        @Override
        byte[] readBody() {
            return p.getPayloadAsBytes();
        }

        @Override
        String readTopic() {
            return p.getTopic().toString();
        }

        @Override
        int qos() {
            return p.getQos().getCode();
        }

        @Override
        void acknowledgeAtClient() {
            p.acknowledge();
        }

        @Override
        public Map<String, String> headers() {
            return Map.of();
        }

        @Override
        public String contentType() {
            return null;
        }

        @Override
        public String correlationId() {
            return null;
        }

        @Override
        public String replyTo() {
            return null;
        }

        @Override
        MqttMetadata readMetadata() {
            return new MqttMetadata(address(), qos(), p.isRetain(), MqttConfig.V3, null, null, null, null, List.of(), null);
        }
    }
}
