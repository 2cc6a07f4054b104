package dev.tributary.examples.orders;

import dev.tributary.tck.brokers.KafkaBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-JVM Kafka broker (KRaft, {@code tck}'s {@link KafkaBroker}) for the whole test JVM, on a free loopback
 * port; the application server, started afterwards by Arquillian, connects to it. Registered before Arquillian's
 * extension, so the broker is up before the deployment is built and stops only after the server stopped.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback {

    /** The topics the order service uses; created up front (the connector creates only its reply topic). */
    static final List<String> TOPICS = List.of("orders", "orders.settled", "customers.lookup");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);
    private static volatile KafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        // Failsafe points java.io.tmpdir into target/ (the broker's data, the adapters' temporary folders)
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("broker", key -> new Running(), Running.class);
    }

    /** The running broker; fails when no test class registered this extension. */
    static KafkaBroker broker() {
        KafkaBroker current = broker;
        if (current == null) {
            throw new IllegalStateException("the Kafka broker is not started: register KafkaBrokerExtension before"
                    + " ArquillianExtension");
        }
        return current;
    }

    private static final class Running implements AutoCloseable {
        private final KafkaBroker started;

        Running() {
            started = new KafkaBroker();
            started.start();
            TOPICS.forEach(topic -> started.createTopic(topic, 1));
            broker = started;
        }

        @Override
        public void close() {
            awaitServerGone();
            broker = null;
            started.close();
        }

        /**
         * The Payara Micro adapter stops its process with SIGTERM and does not wait: let the server finish its
         * shutdown (consumers leave their groups, the producer flushes) while the broker still runs, and do not
         * leave a server process behind this JVM. WildFly's and Liberty's adapters have already waited.
         */
        private static void awaitServerGone() {
            String port = System.getProperty("it.http.port");
            if (port == null) {
                return;
            }
            try {
                Awaitility.await("the server under test stops listening on port " + port)
                        .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> !listening(Integer.parseInt(port)));
            } catch (ConditionTimeoutException e) {
                System.getLogger(KafkaBrokerExtension.class.getName()).log(System.Logger.Level.WARNING,
                        "TRB-EXO010 the server under test still listens on port " + port + "; stopping the broker anyway");
            }
        }

        private static boolean listening(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
