package dev.tributary.mqtt;

import static dev.tributary.mqtt.TestContext.send;
import static dev.tributary.mqtt.TestContext.spec;
import static dev.tributary.mqtt.TestContext.text;
import static dev.tributary.mqtt.TestContext.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tributary.AckPolicy;
import dev.tributary.TributaryException;
import dev.tributary.spi.Capability;
import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.OutboundMessage;
import dev.tributary.tck.brokers.Brokers;
import dev.tributary.tck.brokers.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Publishing and subscribing through one connector against real Mosquitto, on both protocol versions. */
@ExtendWith(Brokers.class)
class MqttRoundTripTest {

    private final TestContext ctx = new TestContext();

    @AfterEach
    void close() {
        ctx.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.0", "3.1.1"})
    void aTextMessageRoundTripsAtEveryQos(String version, MosquittoBroker broker) {
        MqttConnector c = ctx.connector(broker, version);
        for (int qos = 0; qos <= 2; qos++) {
            String t = topic("qos" + qos);
            RecordingSink sink = RecordingSink.acking();
            c.subscribe(spec(t, AckPolicy.ACK, "qos", String.valueOf(qos)), sink);
            send(c, TestContext.withOptions(t, "hello " + qos, Map.of("qos", qos)));

            await().atMost(Duration.ofSeconds(10)).until(() -> sink.size() == 1);
            InboundMessage m = sink.get(0);
            assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo("hello " + qos);
            assertThat(m.address()).isEqualTo(t);
            MqttMetadata meta = (MqttMetadata) m.metadata();
            assertThat(meta.qos()).isEqualTo(qos);
            assertThat(meta.topic()).isEqualTo(t);
            assertThat(meta.protocolVersion()).isEqualTo(version);
        }
    }

    @Test
    void mqtt5CarriesContentTypeCorrelationReplyToAndUserProperties(MosquittoBroker broker) {
        MqttConnector c = ctx.connector(broker, "5.0");
        String t = topic("props");
        RecordingSink sink = RecordingSink.acking();
        c.subscribe(spec(t, AckPolicy.ACK), sink);

        send(c, new OutboundMessage(t, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "application/json", "corr-42",
                "replies/here", null, null, Map.of("tenant", "acme", "ünï", "çödé"), Map.of("message-expiry", 60)));

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.size() == 1);
        InboundMessage m = sink.get(0);
        assertThat(m.contentType()).isEqualTo("application/json");
        assertThat(m.correlationId()).isEqualTo("corr-42");
        assertThat(m.messageId()).isEqualTo("corr-42");
        assertThat(m.replyTo()).isEqualTo("replies/here");
        assertThat(m.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("tenant", "acme", "ünï", "çödé"));
        MqttMetadata meta = (MqttMetadata) m.metadata();
        assertThat(meta.contentType()).isEqualTo("application/json");
        assertThat(meta.correlationText()).isEqualTo("corr-42");
        assertThat(meta.responseTopic()).isEqualTo("replies/here");
        assertThat(meta.messageExpirySeconds()).isNotNull().isBetween(1L, 60L);
        assertThat(meta.userProperties()).contains(new MqttMetadata.UserProperty("tenant", "acme"));
    }

    @Test
    void correlationDataGoesOnTheWireWhenTheIdLinksTheMessage(MosquittoBroker broker) {
        MqttConnector c = ctx.connector(broker, "5.0");
        MqttConnector always = ctx.connector(broker, "5.0", "correlation-id", "always");
        String t = topic("cid");
        RecordingSink sink = RecordingSink.acking();
        c.subscribe(spec(t, AckPolicy.ACK), sink);
        java.util.function.BiConsumer<dev.tributary.spi.Sender, OutboundMessage> publish = (s, m) ->
                s.send(m).toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();

        publish.accept(c.sender(null), generated(t, "made-up", "m1", null));
        publish.accept(c.sender(null), new OutboundMessage(t, "m2".getBytes(StandardCharsets.UTF_8), null, "given", null,
                null, null, Map.of(), Map.of()));
        publish.accept(c.sender(null), generated(t, "request", "m3", "answers/here"));
        publish.accept(always.sender(null), generated(t, "fs-style", "m4", null));
        publish.accept(c.sender(new dev.tributary.spi.DestinationSpec("lean",
                dev.tributary.spi.AddressTemplate.parse(t, dev.tributary.spi.AddressSyntax.MQTT),
                Map.of("correlation-id", "omit"), java.util.List.of())), new OutboundMessage(t,
                "m5".getBytes(StandardCharsets.UTF_8), null, "given-5", null, null, null, Map.of(), Map.of()));

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.size() == 5);
        Map<String, String> cids = new java.util.HashMap<>();
        for (int i = 0; i < 5; i++) {
            InboundMessage m = sink.get(i);
            cids.put(new String(m.body(), StandardCharsets.UTF_8), String.valueOf(((MqttMetadata) m.metadata()).correlationText()));
        }
        assertThat(cids).containsEntry("m1", "null").containsEntry("m2", "given").containsEntry("m3", "request")
                .containsEntry("m4", "fs-style").containsEntry("m5", "null");
        assertThatThrownBy(() -> c.sender(new dev.tributary.spi.DestinationSpec("bad",
                dev.tributary.spi.AddressTemplate.parse(t, dev.tributary.spi.AddressSyntax.MQTT),
                Map.of("correlation-id", "sometimes"), java.util.List.of())))
                .hasMessageContaining("TRB-MQT016").hasMessageContaining("auto, always or omit");
    }

    private static OutboundMessage generated(String topic, String cid, String body, String replyTo) {
        return new OutboundMessage(topic, body.getBytes(StandardCharsets.UTF_8), null, cid, replyTo, null, null,
                Map.of(), Map.of(), true);
    }

    @Test
    void mqtt311CarriesThePayloadOnly(MosquittoBroker broker) {
        MqttConnector c = ctx.connector(broker, "3.1.1");
        String t = topic("v3");
        RecordingSink sink = RecordingSink.acking();
        c.subscribe(spec(t, AckPolicy.ACK), sink);

        send(c, text(t, "plain"));

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.size() == 1);
        InboundMessage m = sink.get(0);
        assertThat(m.contentType()).as("3.1.1 has no content type: the codec tries JSON, then text").isNull();
        assertThat(m.correlationId()).isNull();
        assertThat(m.replyTo()).isNull();
        assertThat(m.headers()).isEmpty();
        assertThat(c.capabilities()).doesNotContain(Capability.HEADERS, Capability.REQUEST_REPLY);
    }

    @Test
    void headersOnMqtt311AreAClearErrorNotASilentDrop(MosquittoBroker broker) {
        MqttConnector c = ctx.connector(broker, "3.1.1");
        String t = topic("v3-headers");

        assertThatThrownBy(() -> send(c, TestContext.withHeaders(t, "x", "tenant", "acme")))
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo("TRB-MQT006"))
                .hasMessageContaining("tenant");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/+/c", "a/#", "#", ""})
    void publishingToAWildcardTopicIsRefused(String topic, MosquittoBroker broker) {
        MqttConnector c = ctx.connector(broker, "5.0");

        assertThatThrownBy(() -> send(c, text(topic, "x"))).cause()
                .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo("TRB-MQT005"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.0", "3.1.1"})
    void aTemplateSubscribesWithPlusAndAWildcardFilterSeesEveryLevel(String version, MosquittoBroker broker) {
        // two connectors: overlapping filters on ONE connection get one copy per subscription from Mosquitto 2 (README)
        MqttConnector c = ctx.connector(broker, version);
        MqttConnector other = ctx.connector(broker, version);
        String root = topic("tpl");
        RecordingSink byTemplate = RecordingSink.acking();
        RecordingSink byHash = RecordingSink.acking();
        var templated = spec(root + "/{device}/temp", AckPolicy.ACK);
        c.subscribe(templated, byTemplate);
        other.subscribe(spec(root + "/#", AckPolicy.ACK), byHash);

        send(c, text(root + "/d1/temp", "21.5"));
        send(c, text(root + "/d2/humidity", "40"));
        send(c, text(root + "/d3/temp", "19"));
        send(c, text(root, "zero levels below: # matches"));

        await().atMost(Duration.ofSeconds(10)).until(() -> byTemplate.size() == 2 && byHash.size() == 4);
        assertThat(byTemplate.bodies()).containsExactly("21.5", "19");
        assertThat(templated.template().match(byTemplate.get(0).address())).containsEntry("device", "d1");
        assertThat(templated.template().match(byTemplate.get(1).address())).containsEntry("device", "d3");
        assertThat(byHash.bodies()).containsExactly("21.5", "40", "19", "zero levels below: # matches");
    }

    @Test
    void literalBracesAreSubscribedLiterally(MosquittoBroker broker) {
        MqttConnector c = ctx.connector(broker, "5.0");
        String root = topic("braces");
        RecordingSink sink = RecordingSink.acking();
        var s = spec(root + "/{{braced}}", AckPolicy.ACK);
        assertThat(s.address()).isEqualTo(root + "/{braced}");
        c.subscribe(s, sink);

        send(c, text(root + "/{braced}", "yes"));
        send(c, text(root + "/other", "no"));
        send(c, text(root + "/{braced}", "again"));

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.size() == 2);
        assertThat(sink.bodies()).containsExactly("yes", "again");
    }

    @Test
    void retainedMessagesArriveWithTheRetainFlag(MosquittoBroker broker) {
        MqttConnector c = ctx.connector(broker, "5.0");
        String t = topic("retain");
        send(c, TestContext.withOptions(t, "kept", Map.of("retain", true)));

        RecordingSink sink = RecordingSink.acking();
        c.subscribe(spec(t, AckPolicy.ACK), sink);

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.size() == 1);
        assertThat(((MqttMetadata) sink.get(0).metadata()).retain()).isTrue();
        send(c, TestContext.withOptions(t, "", Map.of("retain", true))); // clear it
    }

    @Test
    void aPublishCompletesOnlyOnceTheBrokerAcknowledged(MosquittoBroker broker) {
        MqttConnector c = ctx.connector(broker, "5.0");
        String t = topic("ack");
        var stage = c.sender(null).send(TestContext.withOptions(t, "x", Map.of("qos", 2))).toCompletableFuture();

        assertThat(stage.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join()).isNull();
        assertThat(stage).isCompletedWithValue(null);
    }

    @Test
    void healthIsUpWhileConnectedAndDownAfterClose(MosquittoBroker broker) {
        MqttConnector c = ctx.connector(broker, "5.0");
        assertThat(c.health().up()).as(c.health().detail()).isTrue();
        assertThat(c.health().detail()).contains(String.valueOf(broker.port()));

        c.close(Duration.ofSeconds(1)).toCompletableFuture().join();

        assertThat(c.health().up()).isFalse();
        assertThatThrownBy(() -> send(c, text("a/b", "x"))).cause()
                .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo("TRB-MQT002"));
    }

    @Test
    void theHiveMqClientIsReachable(MosquittoBroker broker) {
        MqttConnector v5 = ctx.connector(broker, "5.0");
        MqttConnector v3 = ctx.connector(broker, "3.1.1");

        assertThat(v5.mqtt5Client()).isPresent();
        assertThat(v5.client().getState().isConnected()).isTrue();
        assertThat(v3.mqtt3Client()).isPresent();
        assertThat(v3.mqtt5Client()).isEmpty();
    }
}
