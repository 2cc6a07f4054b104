package dev.tributary.tck.brokers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code redis-server} (Debian package {@code redis-server}) on a free loopback port. Data is kept
 * across stop/start in an append-only file (fsync every second; a graceful stop writes it all), so
 * streams and pending entries survive a {@link #restart()}. Ready when {@code PING} answers
 * {@code +PONG} (not {@code -LOADING}). See {@link Broker} for lifecycle, threading and errors.
 */
public final class RedisBroker extends ProcessBroker {

    private Path binary;

    public RedisBroker() {
        super("redis");
    }

    /** {@code redis://127.0.0.1:<port>}. */
    @Override
    public String connectionString() {
        return "redis://" + HOST + ":" + port();
    }

    @Override
    void checkInstalled() {
        binary = BrokerBinary.locate("redis-server", "redis-server");
    }

    @Override
    void prepare(Path workDir) {
        // nothing to write: everything is on the command line
    }

    @Override
    List<String> command() {
        return List.of(binary.toString(),
                "--port", Integer.toString(port()),
                "--bind", HOST,
                "--dir", dataDir().toString(),
                "--save", "",
                "--appendonly", "yes",
                "--appendfsync", "everysec",
                "--daemonize", "no",
                "--logfile", "");
    }

    @Override
    boolean probe() throws IOException {
        try (LoopbackProbe probe = LoopbackProbe.connect(port())) {
            probe.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            return "+PONG".equals(probe.readLine(200));
        }
    }
}
