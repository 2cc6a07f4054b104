package dev.tributary.tck.brokers;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;

/**
 * The lifecycle every broker shares: first start allocates ports and a work directory (holding the
 * data directory, configuration and log), then launch + readiness polling with a deadline; stop keeps
 * both; close deletes them. Subclasses say how to prepare, launch, probe and shut down.
 */
abstract class AbstractBroker implements Broker {

    private static final System.Logger LOG = System.getLogger(Broker.class.getName());

    private final String name;
    private volatile Path workDir;
    private volatile int port = -1;
    private volatile boolean running;
    private boolean closed;
    private boolean prepared;
    private volatile Duration lastStart = Duration.ZERO;

    AbstractBroker(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final synchronized void start() {
        if (closed) {
            throw new BrokerException("TRB-TCK106", name + " broker is closed and cannot be started again");
        }
        if (running) {
            return;
        }
        long begin = System.nanoTime();
        if (!prepared) {
            checkInstalled();
            if (workDir == null) {
                workDir = createWorkDir();
                LiveBrokers.register(this);
                port = FreePorts.next();
            }
            prepare(workDir);
            prepared = true;
        }
        try {
            launch();
            awaitReady(System.nanoTime() + startTimeout().toNanos());
        } catch (RuntimeException e) {
            abortStart();
            throw e;
        }
        lastStart = Duration.ofNanos(System.nanoTime() - begin);
        running = true;
        LOG.log(Level.INFO, () -> String.format("TRB-TCK001: %s broker ready on %s:%d after %d ms (data %s)",
                name, HOST, port, lastStart.toMillis(), dataDir()));
    }

    @Override
    public final synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        shutdown();
        LOG.log(Level.DEBUG, () -> "TRB-TCK002: " + name + " broker on port " + port + " stopped");
    }

    @Override
    public final synchronized void restart() {
        stop();
        start();
    }

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
            release();
        } finally {
            closed = true;
            LiveBrokers.unregister(this);
            if (workDir != null) {
                deleteTree(workDir);
            }
        }
    }

    @Override
    public final boolean isRunning() {
        return running;
    }

    @Override
    public final int port() {
        int current = port;
        if (current < 0) {
            throw new BrokerException("TRB-TCK106", name + " broker was never started: no port yet");
        }
        return current;
    }

    @Override
    public final Path dataDir() {
        return workDir().resolve("data");
    }

    @Override
    public final Duration lastStartDuration() {
        return lastStart;
    }

    @Override
    public String toString() {
        return name + "[" + HOST + ":" + (port < 0 ? "-" : port) + (running ? ", running" : ", stopped") + "]";
    }

    /** Whether the first start got as far as preparing configuration and data (configuration is fixed). */
    final synchronized boolean prepared() {
        return prepared;
    }

    /** The directory holding data, configuration and log; exists after the first start. */
    final Path workDir() {
        Path dir = workDir;
        if (dir == null) {
            throw new BrokerException("TRB-TCK106", name + " broker was never started: no data directory yet");
        }
        return dir;
    }

    /** Fails with TRB-TCK101 when what the broker needs is not installed. Called before any allocation. */
    abstract void checkInstalled();

    /** First start only: allocate extra ports, write configuration, initialise the data directory. */
    abstract void prepare(Path workDir);

    /** Starts the broker process (or in-JVM server); must not wait for readiness. */
    abstract void launch();

    /**
     * One readiness check, quick and bounded (a socket timeout of a few hundred ms).
     *
     * @return true when the broker answered its protocol as a ready broker does
     */
    abstract boolean probe() throws IOException;

    /**
     * Waits a little between two probes and reports a broker that died meanwhile.
     *
     * @return a description of why the broker cannot become ready any more (it exited), or null
     */
    abstract String pauseAndCheckAlive(Duration pause);

    /** Graceful stop, bounded in time; kills what does not stop. */
    abstract void shutdown();

    /** Kills whatever a failed start left behind; ports and data stay for a retry. */
    abstract void abortStart();

    /** Releases resources that live across restarts (for example RabbitMQ's epmd). Default: none. */
    void release() {
    }

    /** The last lines of the broker's log, for error messages. */
    abstract String logTail();

    /** How long start() waits for readiness. */
    Duration startTimeout() {
        return Duration.ofSeconds(30);
    }

    private void awaitReady(long deadlineNanos) {
        Exception lastProbeFailure = null;
        Duration pause = Duration.ofMillis(10);
        while (true) {
            try {
                if (probe()) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                lastProbeFailure = e;
            }
            String death = pauseAndCheckAlive(pause);
            if (death != null) {
                throw new BrokerException("TRB-TCK103", name + " broker on port " + port
                        + " exited while starting (" + death + "). Last log lines:\n" + logTail());
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new BrokerException("TRB-TCK102", name + " broker on port " + port + " not ready after "
                        + startTimeout().toSeconds() + " s" + (lastProbeFailure == null ? ""
                        : " (last probe: " + lastProbeFailure + ")") + ". Last log lines:\n" + logTail(),
                        lastProbeFailure);
            }
            pause = pause.toMillis() < 100 ? pause.multipliedBy(2) : pause;
        }
    }

    private Path createWorkDir() {
        try {
            Path dir = Files.createTempDirectory("tributary-" + name + "-");
            Files.createDirectories(dir.resolve("data"));
            return dir;
        } catch (IOException e) {
            throw new BrokerException("TRB-TCK105", "cannot create a temporary directory for " + name, e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "TRB-TCK105: could not delete broker directory " + root + ": " + e);
        }
    }
}
