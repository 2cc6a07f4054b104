package dev.tributary.tck.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The opt-in SASL_SSL listener of {@link KafkaBroker}, exercised with raw kafka-clients. One broker for the class. */
class KafkaSaslSslSmokeTest {

    private static KafkaBroker kafka;

    @BeforeAll
    static void start() {
        kafka = new KafkaBroker().withSaslSsl();
        kafka.start();
        SmokeReport.printStart(kafka, "first start with SASL_SSL");
    }

    @AfterAll
    static void close() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
    void producesAndConsumesOverSaslSsl(String mechanism) throws Exception {
        String topic = "secure-" + mechanism.toLowerCase();
        kafka.createTopic(topic, 1);
        Map<String, Object> client = kafka.saslSslClientProperties(mechanism);

        Map<String, Object> producerConfig = new HashMap<>(client);
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            assertThat(producer.send(new ProducerRecord<>(topic, "k", "hello " + mechanism)).get(15, TimeUnit.SECONDS)
                    .offset()).isZero();
        }

        Map<String, Object> consumerConfig = new HashMap<>(client);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> values = new ArrayList<>();
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (values.isEmpty() && System.nanoTime() - deadline < 0) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        assertThat(values).containsExactly("hello " + mechanism);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
    void wrongPasswordFailsFastWithSaslAuthenticationException(String mechanism) {
        kafka.createTopic("secure-denied", 1);
        Map<String, Object> config = new HashMap<>(
                kafka.saslSslClientProperties(mechanism, kafka.saslUsername(), "not-the-password"));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        long begin = System.nanoTime();
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("secure-denied", "x")).get(15, TimeUnit.SECONDS))
                    .isInstanceOfAny(ExecutionException.class, SaslAuthenticationException.class)
                    .satisfies(e -> assertThat(e instanceof ExecutionException ? e.getCause() : e)
                            .isInstanceOf(SaslAuthenticationException.class));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void trustStoreHoldsACaAndTheListenerIsSeparateFromPlaintext() throws Exception {
        assertThat(kafka.saslSslBootstrapServers()).startsWith("127.0.0.1:")
                .isNotEqualTo(kafka.bootstrapServers());
        KeyStore trust = KeyStore.getInstance(kafka.trustStoreType());
        try (InputStream in = Files.newInputStream(kafka.trustStorePath())) {
            trust.load(in, kafka.trustStorePassword().toCharArray());
        }
        assertThat(trust.size()).as("a PKCS12 trust store Java can read is not empty").isEqualTo(1);
        X509Certificate ca = (X509Certificate) trust.getCertificate(trust.aliases().nextElement());
        assertThat(ca.getBasicConstraints()).as("the trusted certificate is a CA").isGreaterThanOrEqualTo(0);
    }

    @Test
    void defaultBrokerHasNoSaslSslListenerAndTheOptionIsFixedAfterStart() {
        try (KafkaBroker plain = new KafkaBroker()) {
            assertThat(plain.hasSaslSsl()).isFalse();
            assertThatThrownBy(plain::saslSslBootstrapServers).isInstanceOf(BrokerException.class);
        }
        assertThatThrownBy(() -> kafka.withSaslSsl("other", "secret")).isInstanceOf(BrokerException.class)
                .hasMessageContaining("TRB-TCK106");
    }
}
