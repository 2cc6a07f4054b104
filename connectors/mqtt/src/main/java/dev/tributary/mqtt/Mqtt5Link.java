package dev.tributary.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedListener;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedListener;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserPropertiesBuilder;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5WillPublish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5WillPublishBuilder;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** {@link MqttLink} over the HiveMQ MQTT 5.0 client: the PUBLISH properties carry the wire format's metadata. */
final class Mqtt5Link implements MqttLink {

    private final String connector;
    private final MqttConfig config;
    private final Mqtt5AsyncClient client;

    Mqtt5Link(String connector, MqttConfig config, MqttClientTransportConfig transport,
            MqttClientConnectedListener connected, MqttClientDisconnectedListener disconnected) {
        this.connector = connector;
        this.config = config;
        this.client = MqttClient.builder().useMqttVersion5().identifier(config.clientId()).transportConfig(transport)
                .addConnectedListener(connected).addDisconnectedListener(disconnected).buildAsync();
    }

    @Override
    public Mqtt5Client client() {
        return client;
    }

    @Override
    public CompletableFuture<Boolean> connect() {
        Mqtt5ConnectBuilder b = Mqtt5Connect.builder().cleanStart(config.cleanStart())
                .keepAlive((int) Math.min(65535, config.keepAlive().toSeconds()))
                .sessionExpiryInterval(config.sessionExpiry().toSeconds())
                .restrictions().receiveMaximum(config.receiveMaximum()).applyRestrictions();
        if (config.username() != null) {
            var auth = Mqtt5SimpleAuth.builder().username(config.username());
            if (config.password() != null) {
                auth = auth.password(config.password().getBytes(StandardCharsets.UTF_8));
            }
            b.simpleAuth(auth.build());
        } else if (config.password() != null) {
            b.simpleAuth(Mqtt5SimpleAuth.builder().password(config.password().getBytes(StandardCharsets.UTF_8)).build());
        }
        if (config.will() != null) {
            b.willPublish(will(config.will()));
        }
        return client.connect(b.build()).thenApply(ack -> ack.isSessionPresent());
    }

    private static Mqtt5WillPublish will(MqttConfig.Will w) {
        Mqtt5WillPublishBuilder.Complete b = Mqtt5WillPublish.builder().topic(w.topic()).qos(qos(w.qos())).retain(w.retain())
                .payload(w.payload().getBytes(StandardCharsets.UTF_8));
        if (w.contentType() != null) {
            b.contentType(w.contentType());
        }
        if (w.messageExpiry() != null) {
            b.messageExpiryInterval(w.messageExpiry().toSeconds());
        }
        if (w.delay() != null) {
            b.delayInterval(w.delay().toSeconds());
        }
        return b.build();
    }

    @Override
    public CompletableFuture<Void> subscribe(String filter, int qos, boolean noLocal, boolean manualAck,
            boolean onEventLoop, Consumer<MqttInbound> callback) {
        Mqtt5Subscribe subscribe = Mqtt5Subscribe.builder().topicFilter(filter).qos(qos(qos)).noLocal(noLocal).build();
        CompletableFuture<Mqtt5SubAck> acked = onEventLoop
                ? client.subscribe(subscribe, p -> MqttLink.deliver(connector, filter, callback, inbound(p, manualAck)),
                        MqttLink.ON_EVENT_LOOP, manualAck)
                : client.subscribe(subscribe, p -> callback.accept(inbound(p, manualAck)), manualAck);
        return acked.thenAccept(ack -> {
            for (Mqtt5SubAckReasonCode code : ack.getReasonCodes()) {
                if (code.isError()) {
                    throw MqttErrors.subscribeRefused(connector, filter, code + ack.getReasonString()
                            .map(r -> " (" + r + ")").orElse(""));
                }
            }
        });
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String filter) {
        return client.unsubscribeWith().topicFilter(filter).send().thenApply(ack -> null);
    }

    @Override
    public void remaining(Consumer<MqttInbound> callback) {
        client.publishes(MqttGlobalPublishFilter.REMAINING,
                p -> MqttLink.deliver(connector, "(no subscription)", callback, inbound(p, true)),
                MqttLink.ON_EVENT_LOOP, true);
    }

    @Override
    public CompletableFuture<Void> publish(MqttOutgoing m) {
        Mqtt5PublishBuilder.Complete b = Mqtt5Publish.builder().topic(m.topic()).qos(qos(m.qos())).retain(m.retain())
                .payload(m.body());
        if (m.contentType() != null) {
            b.contentType(m.contentType());
        }
        if (m.correlationId() != null) {
            b.correlationData(m.correlationId().getBytes(StandardCharsets.UTF_8));
        }
        if (m.replyTo() != null) {
            b.responseTopic(m.replyTo());
        }
        if (m.messageExpirySeconds() != null) {
            b.messageExpiryInterval(m.messageExpirySeconds());
        }
        if (!m.headers().isEmpty()) {
            Mqtt5UserPropertiesBuilder props = Mqtt5UserProperties.builder();
            m.headers().forEach(props::add);
            b.userProperties(props.build());
        }
        return client.publish(b.build()).thenAccept(result -> check(m, result));
    }

    private void check(MqttOutgoing m, Mqtt5PublishResult result) {
        if (result.getError().isPresent()) {
            throw MqttErrors.publishFailed(connector, m.topic(), result.getError().get());
        }
        if (result instanceof Mqtt5PublishResult.Mqtt5Qos1Result q1 && q1.getPubAck().getReasonCode().isError()) {
            throw MqttErrors.publishRefused(connector, m.topic(), q1.getPubAck().getReasonCode().toString());
        }
        if (result instanceof Mqtt5PublishResult.Mqtt5Qos2Result q2 && q2.getPubRec().getReasonCode().isError()) {
            throw MqttErrors.publishRefused(connector, m.topic(), q2.getPubRec().getReasonCode().toString());
        }
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return client.disconnect();
    }

    @Override
    public boolean connected() {
        return client.getState() == MqttClientState.CONNECTED;
    }

    private static MqttQos qos(int qos) {
        return MqttQos.fromCode(qos);
    }

    /** {@code manualAck} false: the client acknowledges by itself, the message's acknowledgement does nothing. */
    static MqttInbound inbound(Mqtt5Publish p, boolean manualAck) {
        return new Inbound5(p, manualAck);
    }

    /**
     * A received 5.0 PUBLISH: the PUBLISH properties are read from the client's message when first asked for
     * (most handlers read the body only), each at most once.
     */
    static final class Inbound5 extends MqttInbound {

        private final Mqtt5Publish p;
        private volatile Map<String, String> headers;
        private volatile String correlationId;
        private volatile boolean correlationRead;

        Inbound5(Mqtt5Publish p, boolean manualAck) {
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
            Map<String, String> h = headers;
            if (h == null) {
                List<? extends Mqtt5UserProperty> props = p.getUserProperties().asList();
                if (props.isEmpty()) {
                    h = Map.of();
                } else {
                    Map<String, String> m = new LinkedHashMap<>();
                    for (Mqtt5UserProperty up : props) {
                        m.put(up.getName().toString(), up.getValue().toString());
                    }
                    h = Collections.unmodifiableMap(m);
                }
                headers = h;
            }
            return h;
        }

        @Override
        public String contentType() {
            return p.getContentType().map(Object::toString).orElse(null);
        }

        @Override
        public String correlationId() {
            if (!correlationRead) {
                correlationId = p.getCorrelationData().map(b -> new String(bytes(b), StandardCharsets.UTF_8)).orElse(null);
                correlationRead = true;
            }
            return correlationId;
        }

        @Override
        public String replyTo() {
            return p.getResponseTopic().map(Object::toString).orElse(null);
        }

        @Override
        MqttMetadata readMetadata() {
            List<? extends Mqtt5UserProperty> props = p.getUserProperties().asList();
            List<MqttMetadata.UserProperty> userProperties;
            if (props.isEmpty()) {
                userProperties = List.of();
            } else {
                List<MqttMetadata.UserProperty> ups = new ArrayList<>(props.size());
                for (Mqtt5UserProperty up : props) {
                    ups.add(new MqttMetadata.UserProperty(up.getName().toString(), up.getValue().toString()));
                }
                userProperties = Collections.unmodifiableList(ups);
            }
            Long expiry = p.getMessageExpiryInterval().isPresent() ? p.getMessageExpiryInterval().getAsLong() : null;
            String format = p.getPayloadFormatIndicator()
                    .map(f -> f.name().equals("UTF_8") ? "utf-8" : "unspecified").orElse(null);
            byte[] correlation = p.getCorrelationData().map(Mqtt5Link::bytes).orElse(null);
            return new MqttMetadata(address(), qos(), p.isRetain(), MqttConfig.V5, expiry, contentType(), replyTo(),
                    correlation, userProperties, format);
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
