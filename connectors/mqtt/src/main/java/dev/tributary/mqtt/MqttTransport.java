package dev.tributary.mqtt;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfigBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the HiveMQ transport configuration: host, port, timeouts and TLS. TLS goes INSIDE the transport
 * configuration on purpose: with HiveMQ client 1.3.17, an {@code sslConfig()} given to the client builder after
 * {@code transportConfig()} is silently ignored and the client connects without TLS (TESTING.md).
 */
final class MqttTransport {

    private MqttTransport() {
    }

    static MqttClientTransportConfig of(String connector, MqttConfig config) {
        long timeout = config.connectTimeout().toMillis();
        MqttClientTransportConfigBuilder b = MqttClientTransportConfig.builder().serverHost(config.host())
                .serverPort(config.port()).socketConnectTimeout(timeout, TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(timeout, TimeUnit.MILLISECONDS);
        if (config.tls() != null) {
            b.sslConfig(ssl(connector, config.tls(), timeout));
        }
        return b.build();
    }

    private static MqttClientSslConfig ssl(String connector, MqttConfig.Tls tls, long handshakeMillis) {
        MqttClientSslConfigBuilder b = MqttClientSslConfig.builder().handshakeTimeout(handshakeMillis, TimeUnit.MILLISECONDS);
        if (tls.trustStore() != null) {
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(tls.trustStore(), tls.trustStorePassword(), tls.trustStoreType()));
                b.trustManagerFactory(tmf);
            } catch (Exception e) {
                throw MqttErrors.tlsSetup(connector, "trust store " + tls.trustStore(), e);
            }
        }
        if (tls.keyStore() != null) {
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(tls.keyStore(), tls.keyStorePassword(), tls.keyStoreType()),
                        tls.keyStorePassword().toCharArray());
                b.keyManagerFactory(kmf);
            } catch (Exception e) {
                throw MqttErrors.tlsSetup(connector, "key store " + tls.keyStore(), e);
            }
        }
        if (!tls.hostnameVerification()) {
            b.hostnameVerifier((host, session) -> true);
        }
        return b.build();
    }

    private static KeyStore load(String path, String password, String type) throws Exception {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }
}
