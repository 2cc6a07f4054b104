package dev.tributary.tck.brokers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code nats-server} with JetStream (Debian package {@code nats-server}) on a free loopback port,
 * its JetStream store in the data directory (streams and consumers survive a {@link #restart()}).
 * Ready when a connection receives an {@code INFO} line announcing JetStream. See {@link Broker} for
 * lifecycle, threading and errors.
 */
public final class NatsBroker extends ProcessBroker {

    private Path binary;

    public NatsBroker() {
        super("nats");
    }

    /** {@code nats://127.0.0.1:<port>}. */
    @Override
    public String connectionString() {
        return "nats://" + HOST + ":" + port();
    }

    @Override
    void checkInstalled() {
        binary = BrokerBinary.locate("nats-server", "nats-server");
    }

    @Override
    void prepare(Path workDir) {
        // nothing to write: everything is on the command line
    }

    @Override
    List<String> command() {
        return List.of(binary.toString(),
                "-a", HOST,
                "-p", Integer.toString(port()),
                "-js",
                "-sd", dataDir().toString());
    }

    @Override
    boolean probe() throws IOException {
        try (LoopbackProbe probe = LoopbackProbe.connect(port())) {
            String info = probe.readLine(8192);
            return info != null && info.startsWith("INFO ") && info.contains("\"jetstream\":true");
        }
    }
}
