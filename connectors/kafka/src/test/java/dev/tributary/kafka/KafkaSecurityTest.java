package dev.tributary.kafka;

import static dev.tributary.kafka.KafkaTestKit.body;
import static dev.tributary.kafka.KafkaTestKit.spec;
import static dev.tributary.kafka.KafkaTestKit.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.AckPolicy;
import dev.tributary.TributaryException;
import dev.tributary.tck.brokers.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The connector's security settings ({@code security.protocol}, {@code sasl.*}, TLS trust store through
 * {@code kafka.ssl.*}) against a real {@code SASL_SSL} listener of the in-JVM broker: one secured broker for the
 * class (its start takes ≈ 4 s).
 */
class KafkaSecurityTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Authentication failures arrive in ≈ 0.35 s; a wrong protocol only fails at its (short) timeout. */
    private static final Duration FAST = Duration.ofSeconds(5);

    private static KafkaBroker broker;
    private final List<KafkaTestKit> kits = new ArrayList<>();
    private final List<KafkaConnector> connectors = new ArrayList<>();

    @BeforeAll
    static void startSecuredBroker() {
        broker = new KafkaBroker().withSaslSsl();
        broker.start();
    }

    @AfterAll
    static void closeBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void closeConnectors() {
        for (KafkaConnector c : connectors) {
            c.close(Duration.ofSeconds(2)).toCompletableFuture().join();
        }
        kits.forEach(KafkaTestKit::close);
    }

    /** Connector settings for the SASL_SSL listener; the trust store passes through as {@code kafka.ssl.*}. */
    private static Map<String, String> secured(String mechanism, String password, String... extra) {
        Map<String, String> cfg = KafkaTestKit.config(broker,
                KafkaConfig.BOOTSTRAP_SERVERS, broker.saslSslBootstrapServers(),
                KafkaConfig.SASL_MECHANISM, mechanism,
                KafkaConfig.SASL_USERNAME, broker.saslUsername(),
                KafkaConfig.SASL_PASSWORD, password,
                "kafka.ssl.truststore.location", broker.trustStorePath().toString(),
                "kafka.ssl.truststore.password", broker.trustStorePassword(),
                "kafka.ssl.truststore.type", broker.trustStoreType());
        for (int i = 0; i < extra.length; i += 2) {
            cfg.put(extra[i], extra[i + 1]);
        }
        return cfg;
    }

    /** A connector created but not started: the caller starts it and sees how start ends. */
    private KafkaConnector connector(Map<String, String> config) {
        KafkaTestKit kit = new KafkaTestKit("secure", config);
        kits.add(kit);
        KafkaConnector c = (KafkaConnector) new KafkaConnectorProvider().create(kit);
        connectors.add(c);
        return c;
    }

    private static Throwable failureOf(CompletableFuture<?> stage, Duration within) throws Exception {
        try {
            stage.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the stage to fail, but it completed");
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0}, security.protocol ''{1}''")
    @CsvSource({"PLAIN, SASL_SSL", "SCRAM-SHA-256, SASL_SSL", "SCRAM-SHA-512, ''"})
    void roundTripOverSaslSsl(String mechanism, String protocol) throws Exception {
        String topic = "secure-" + mechanism.toLowerCase() + "-" + System.nanoTime();
        broker.createTopic(topic, 1);
        // SCRAM-SHA-512 leaves security.protocol empty: sasl.mechanism alone must imply SASL_SSL
        KafkaConnector c = connector(secured(mechanism, broker.saslPassword(),
                KafkaConfig.SECURITY_PROTOCOL, protocol));
        c.start().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(c.health().up()).as(c.health().detail()).isTrue();

        KafkaTestKit.Recorder sink = new KafkaTestKit.Recorder();
        c.subscribe(spec(topic, AckPolicy.ACK, "group", "g-" + topic), sink);
        c.sender(null).send(text(topic, "secret hello " + mechanism)).toCompletableFuture()
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        await().atMost(WAIT).until(() -> !sink.messages.isEmpty() || !sink.failures.isEmpty());
        assertThat(sink.failures).isEmpty();
        assertThat(sink.messages).hasSize(1);
        assertThat(body(sink.messages.get(0))).isEqualTo("secret hello " + mechanism);
    }

    @ParameterizedTest
    @CsvSource({"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
    void wrongPasswordFailsStartAndPublishFastWithCodedErrors(String mechanism) throws Exception {
        String topic = "secure-denied-" + System.nanoTime();
        broker.createTopic(topic, 1);
        KafkaConnector c = connector(secured(mechanism, "not-the-password",
                KafkaConfig.CONNECT_TIMEOUT, "15s", KafkaConfig.PUBLISH_TIMEOUT, "15s"));

        long begin = System.nanoTime();
        Throwable start = failureOf(c.start().toCompletableFuture(), FAST);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(FAST);
        assertThat(start).isInstanceOf(TributaryException.class);
        assertThat(((TributaryException) start).code()).isEqualTo("TRB-KAF001");
        assertThat(causedBy(start, SaslAuthenticationException.class)).as(start.toString()).isTrue();
        assertThat(start.getMessage()).doesNotContain("not-the-password");

        begin = System.nanoTime();
        Throwable publish = failureOf(c.sender(null).send(text(topic, "x")).toCompletableFuture(), FAST);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(FAST);
        assertThat(publish).isInstanceOf(TributaryException.class);
        assertThat(((TributaryException) publish).code()).isEqualTo("TRB-KAF003");
        assertThat(causedBy(publish, SaslAuthenticationException.class)).as(publish.toString()).isTrue();
    }

    @Test
    void plaintextSettingsAgainstTheSaslSslPortFailAtTheirTimeout() throws Exception {
        String topic = "secure-plaintext-" + System.nanoTime();
        broker.createTopic(topic, 1);
        Map<String, String> cfg = KafkaTestKit.config(broker,
                KafkaConfig.BOOTSTRAP_SERVERS, broker.saslSslBootstrapServers(),
                KafkaConfig.CONNECT_TIMEOUT, "2s", KafkaConfig.PUBLISH_TIMEOUT, "2s");
        KafkaConnector c = connector(cfg);

        Throwable start = failureOf(c.start().toCompletableFuture(), Duration.ofSeconds(10));
        assertThat(start).isInstanceOf(TributaryException.class);
        assertThat(((TributaryException) start).code()).isEqualTo("TRB-KAF001");

        Throwable publish = failureOf(c.sender(null).send(text(topic, "x")).toCompletableFuture(),
                Duration.ofSeconds(10));
        assertThat(publish).isInstanceOf(TributaryException.class);
        assertThat(((TributaryException) publish).code()).isEqualTo("TRB-KAF004");
        assertThat(c.health().up()).isFalse();
    }

    @Test
    void untrustedCertificateFailsStartFast() throws Exception {
        Map<String, String> cfg = new HashMap<>(secured("PLAIN", broker.saslPassword()));
        cfg.remove("kafka.ssl.truststore.location");
        cfg.remove("kafka.ssl.truststore.password");
        cfg.remove("kafka.ssl.truststore.type");
        KafkaConnector c = connector(cfg);

        long begin = System.nanoTime();
        Throwable start = failureOf(c.start().toCompletableFuture(), FAST);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(FAST);
        assertThat(((TributaryException) start).code()).isEqualTo("TRB-KAF001");
        assertThat(causedBy(start, SslAuthenticationException.class)).as(start.toString()).isTrue();
    }
}
