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
import dev.tributary.tck.brokers.MosquittoBroker;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS with a generated certificate (a test CA and a server certificate for IP 127.0.0.1, made with openssl) plus
 * username/password, on a second Mosquitto listener. The launcher's own listener stays plain and anonymous: its
 * readiness probe connects anonymously.
 */
class MqttTlsTest {

    @TempDir
    static Path dir;
    private static MosquittoBroker broker;
    private static int tlsPort;
    private static Path trustStore;

    private final TestContext ctx = new TestContext();

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }

    @BeforeAll
    static void startTlsBroker() throws Exception {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=tributary-test-ca");
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        Files.writeString(dir.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1\n");
        run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "2", "-extfile", "san.cnf");
        run("mosquitto_passwd", "-b", "-c", "passwords", "alice", "s3cret");
        // a PKCS12 trust store written by Java (one written by openssl -nokeys looks empty to Java: TESTING.md)
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve("ca.crt"))) {
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        trustStore = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            ks.store(out, "changeit".toCharArray());
        }
        try (ServerSocket s = new ServerSocket(0)) {
            tlsPort = s.getLocalPort();
        }
        broker = new MosquittoBroker().withOption("allow_anonymous", null).withOption("per_listener_settings", "true")
                .withConfigLine("allow_anonymous true")
                .withConfigLine("listener " + tlsPort + " 127.0.0.1")
                .withConfigLine("allow_anonymous false")
                .withConfigLine("password_file " + dir.resolve("passwords"))
                .withConfigLine("cafile " + dir.resolve("ca.crt"))
                .withConfigLine("certfile " + dir.resolve("server.crt"))
                .withConfigLine("keyfile " + dir.resolve("server.key"));
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    private List<String> tls(String... more) {
        List<String> kv = new java.util.ArrayList<>(List.of(MqttConfig.PORT, String.valueOf(tlsPort),
                MqttConfig.TLS_ENABLED, "true", MqttConfig.TLS_TRUST_STORE, trustStore.toString(),
                MqttConfig.TLS_TRUST_STORE_PASSWORD, "changeit"));
        kv.addAll(List.of(more));
        return kv;
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.0", "3.1.1"})
    void tlsWithTheRightPasswordRoundTrips(String version) {
        MqttConnector c = ctx.connector(broker, version,
                tls(MqttConfig.USERNAME, "alice", MqttConfig.PASSWORD, "s3cret").toArray(String[]::new));
        assertThat(c.health().detail()).contains("TLS");
        String t = topic("tls");
        RecordingSink sink = RecordingSink.acking();
        c.subscribe(spec(t, AckPolicy.ACK), sink);

        send(c, text(t, "secret hello"));

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.size() == 1);
        assertThat(sink.bodies()).containsExactly("secret hello");
    }

    @Test
    void aWrongPasswordOverTlsIsRefusedAndNotRetried() {
        MqttConnector c = ctx.create(broker, "5.0",
                tls(MqttConfig.USERNAME, "alice", MqttConfig.PASSWORD, "nope").toArray(String[]::new));

        assertThatThrownBy(() -> c.start().toCompletableFuture().join()).cause()
                .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo("TRB-MQT004"));
    }

    @Test
    void aPlainConnectionToTheTlsPortFails() {
        MqttConnector c = ctx.create(broker, "5.0", MqttConfig.PORT, String.valueOf(tlsPort), MqttConfig.USERNAME,
                "alice", MqttConfig.PASSWORD, "s3cret", MqttConfig.CONNECT_TIMEOUT, "1s");

        assertThatThrownBy(() -> c.start().toCompletableFuture().join()).cause()
                .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo("TRB-MQT003"));
        assertThat(c.health().up()).isFalse();
    }

    @Test
    void aServerCertificateFromAnUntrustedIssuerIsRefused() {
        MqttConnector c = ctx.create(broker, "5.0", MqttConfig.PORT, String.valueOf(tlsPort), MqttConfig.TLS_ENABLED,
                "true", MqttConfig.USERNAME, "alice", MqttConfig.PASSWORD, "s3cret"); // JVM default trust

        assertThatThrownBy(() -> c.start().toCompletableFuture().join()).cause()
                .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo("TRB-MQT003"));
    }

    @Test
    void anUnreadableTrustStoreIsACodedConfigurationError() {
        assertThatThrownBy(() -> ctx.create(broker, "5.0", MqttConfig.TLS_ENABLED, "true", MqttConfig.TLS_TRUST_STORE,
                dir.resolve("missing.p12").toString()))
                .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo("TRB-MQT019"));
    }
}
