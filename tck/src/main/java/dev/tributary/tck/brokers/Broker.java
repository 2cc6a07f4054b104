package dev.tributary.tck.brokers;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A real message broker (or database) started for tests on a free loopback port with a temporary
 * data directory.
 *
 * <p><b>Lifecycle.</b> A new broker is not started. {@link #start()} allocates its ports and data
 * directory on the first call and returns once the broker answers its own protocol; {@link #stop()}
 * stops it gracefully but keeps ports and data, so a later {@link #start()} (or {@link #restart()})
 * brings back the same broker on the same port with the same data — what redelivery and reconnect
 * tests need. {@link #close()} stops it and deletes its data; a closed broker cannot be started again.
 * Every broker still open when the JVM exits is closed by a shutdown hook, so no broker process
 * outlives the test JVM that started it (unless that JVM is killed with SIGKILL).
 *
 * <p><b>Threading and blocking.</b> All methods are thread-safe; the lifecycle methods are
 * serialised per broker and block: {@code start()} until the broker is ready or its start deadline
 * passed, {@code stop()} until the process has exited. The accessors never block.
 *
 * <p><b>Errors.</b> Failures are {@link BrokerException}s carrying a stable code {@code TRB-TCK1nn}:
 * a missing binary names the Debian package to install, a broker that does not come up includes the
 * last lines of its log.
 *
 * <p><b>Ownership.</b> Whoever creates a broker closes it. Brokers handed out by the {@link Brokers}
 * JUnit extension are shared by the whole test JVM and closed by the extension: tests may stop and
 * restart them, but must not close them.
 */
public interface Broker extends AutoCloseable {

    /** The loopback address every broker listens on. */
    String HOST = "127.0.0.1";

    /** Short name of the broker kind, for example {@code "redis"}; used in logs and errors. */
    String name();

    /**
     * Starts the broker, or does nothing if it is running; blocks until it answers its protocol.
     *
     * @throws BrokerException {@code TRB-TCK101} binary missing, {@code TRB-TCK102} not ready in
     *         time, {@code TRB-TCK103} process exited while starting, {@code TRB-TCK106} closed
     */
    void start();

    /** Stops the broker gracefully and waits for it to exit; keeps port and data. No-op if stopped. */
    void stop();

    /** {@link #stop()} then {@link #start()}: same port, same data. */
    void restart();

    /** Whether the broker was started and not stopped since (it does not probe the broker). */
    boolean isRunning();

    /** Always {@value #HOST}. */
    default String host() {
        return HOST;
    }

    /**
     * The client port.
     *
     * @throws BrokerException {@code TRB-TCK106} if the broker was never started
     */
    int port();

    /**
     * How a client connects: {@code redis://…}, {@code nats://…}, {@code tcp://…} (MQTT),
     * {@code amqp://…}, {@code jdbc:postgresql://…}, or the Kafka bootstrap servers {@code host:port}.
     */
    String connectionString();

    /** The broker's data directory (kept across stop/start, deleted by close). */
    Path dataDir();

    /**
     * How long the last successful {@link #start()} took until the broker was ready — for the first
     * start including the preparation of its data directory ({@code initdb}, Kafka's storage format);
     * zero before the first start.
     */
    Duration lastStartDuration();

    /** Stops the broker and deletes its data; idempotent. */
    @Override
    void close();
}
