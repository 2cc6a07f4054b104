package dev.tributary.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.AckPolicy;
import dev.tributary.TributaryException;
import dev.tributary.spi.ConnectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {

    @Test
    void defaults() {
        KafkaConfig c = KafkaConfig.defaults();
        assertThat(c.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(c.groupId()).isNull();
        assertThat(c.autoOffsetReset()).isEqualTo("earliest");
        assertThat(c.ordering()).isEqualTo(KafkaConfig.ORDER_BY_PARTITION);
        assertThat(c.publishTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.commitInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void clientPropertiesPassThroughByPrefix() {
        KafkaConfig c = KafkaConfig.from(new ConnectorConfig("k", Map.of("kafka.security.protocol", "SASL_SSL",
                "producer.linger.ms", "20", "consumer.max.poll.records", "50")));
        assertThat(c.clientProperties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(c.producerProperties()).containsEntry("linger.ms", "20");
        assertThat(c.consumerProperties()).containsEntry("max.poll.records", "50");
        assertThat(c.commonClientProperties()).containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void invalidValuesFailWithACode() {
        assertThatThrownBy(() -> KafkaConfig.from(new ConnectorConfig("k", Map.of("auto.offset.reset", "middle"))))
                .isInstanceOf(TributaryException.class).hasMessageStartingWith("TRB-KAF005")
                .hasMessageContaining("tributary.connectors.k.auto.offset.reset");
        assertThatThrownBy(() -> KafkaConfig.from(new ConnectorConfig("k", Map.of("ordering", "random"))))
                .hasMessageStartingWith("TRB-KAF005");
        assertThatThrownBy(() -> KafkaConfig.from(new ConnectorConfig("k", Map.of("commit.interval", "0ms"))))
                .hasMessageStartingWith("TRB-KAF005");
    }

    @Test
    void subscriptionOptionsWinOverTheConnector() {
        KafkaConfig c = KafkaConfig.from(new ConnectorConfig("k", Map.of("group.id", "g0", "consumer.fetch.min.bytes", "1")));
        KafkaConsumerPlan plan = KafkaConsumerPlan.of(KafkaTestKit.spec("orders", AckPolicy.ACK, "group", "g1",
                "kafka.fetch.min.bytes", "7", "ordering", "key"), c, "k", 1);
        assertThat(plan.group()).isEqualTo("g1");
        assertThat(plan.properties()).containsEntry("group.id", "g1").containsEntry("fetch.min.bytes", "7")
                .containsEntry("enable.auto.commit", "false");
        assertThat(plan.orderByKey()).isTrue();
        assertThat(plan.topic()).isEqualTo("orders");

        KafkaConsumerPlan dflt = KafkaConsumerPlan.of(KafkaTestKit.spec("orders", AckPolicy.ACK), KafkaConfig.defaults(),
                "k", 2);
        assertThat(dflt.group()).isEqualTo("tributary-orders");
    }

    @Test
    void templatesBecomePatternsAndPartitionsAreParsed() {
        KafkaConsumerPlan t = KafkaConsumerPlan.of(KafkaTestKit.spec("sensors.{id}.temp", AckPolicy.ACK),
                KafkaConfig.defaults(), "k", 1);
        assertThat(t.pattern()).isNotNull();
        assertThat(t.pattern().matcher("sensors.d1.temp").matches()).isTrue();
        assertThat(t.pattern().matcher("sensors.d1.x.temp").matches()).isFalse();

        KafkaConsumerPlan p = KafkaConsumerPlan.of(KafkaTestKit.spec("orders", AckPolicy.ACK, "partitions", "0, 2"),
                KafkaConfig.defaults(), "k", 1);
        assertThat(p.partitions()).containsExactly(0, 2);
        assertThatThrownBy(() -> KafkaConsumerPlan.of(KafkaTestKit.spec("orders", AckPolicy.ACK, "partitions", "x"),
                KafkaConfig.defaults(), "k", 1)).hasMessageStartingWith("TRB-KAF006");
    }

    @Test
    void theReadmeDocumentsEveryKey() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (String key : KafkaConfig.KEYS) {
            assertThat(readme).as("README row for " + key).contains("| `" + key + "` |");
        }
    }

    @Test
    void saslSettingsBecomeAJaasConfigAndThePasswordIsNeverPrinted() {
        KafkaConfig scram = KafkaConfig.from(new ConnectorConfig("k", Map.of("sasl.mechanism", "scram-sha-512",
                "sasl.username", "alice", "sasl.password", "p\"w")));
        assertThat(scram.commonClientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"alice\" password=\"p\\\"w\";");
        assertThat(scram.toString()).doesNotContain("p\"w");

        KafkaConfig plain = KafkaConfig.from(new ConnectorConfig("k", Map.of("sasl.mechanism", "PLAIN",
                "security.protocol", "sasl_plaintext", "sasl.username", "bob", "sasl.password", "x",
                "kafka.sasl.jaas.config", "explicit")));
        assertThat(plain.commonClientProperties()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.jaas.config", "explicit");

        assertThat(KafkaConfig.defaults().commonClientProperties()).doesNotContainKeys("security.protocol",
                "sasl.mechanism");
        assertThatThrownBy(() -> KafkaConfig.from(new ConnectorConfig("k", Map.of("sasl.mechanism", "GSSAPI-X"))))
                .hasMessageStartingWith("TRB-KAF005");
    }

    @KafkaOptions(group = "annotated", offsetReset = "latest", partitions = {3}, deadLetter = "dlq", ordering = "key",
            properties = "fetch.min.bytes=9")
    void annotated() {
    }

    @Test
    void theAnnotationIsReadAndSubscriptionOptionsWinOverIt() throws Exception {
        java.lang.annotation.Annotation ann = getClass().getDeclaredMethod("annotated").getAnnotation(KafkaOptions.class);
        dev.tributary.spi.SubscriptionSpec spec = new dev.tributary.spi.SubscriptionSpec("orders",
                dev.tributary.spi.AddressTemplate.parse("orders", dev.tributary.spi.AddressSyntax.KAFKA), AckPolicy.ACK, 1,
                16, Map.of("group", "from-config"), java.util.List.of(ann));
        KafkaConsumerPlan plan = KafkaConsumerPlan.of(spec, KafkaConfig.defaults(), "k", 1);
        assertThat(plan.group()).isEqualTo("from-config");
        assertThat(plan.partitions()).containsExactly(3);
        assertThat(plan.deadLetter()).isEqualTo("dlq");
        assertThat(plan.orderByKey()).isTrue();
        assertThat(plan.properties()).containsEntry("auto.offset.reset", "latest").containsEntry("fetch.min.bytes", "9");
    }
}
