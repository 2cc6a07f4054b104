package dev.tributary.tck.brokers;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A broker that is an operating-system process, child of the test JVM. Its standard output and error
 * go to {@code broker.log} in the work directory. Stopping sends SIGTERM (or the broker's own
 * graceful command), waits, then kills the whole process tree that remains.
 */
abstract class ProcessBroker extends AbstractBroker {

    private static final System.Logger LOG = System.getLogger(Broker.class.getName());
    private static final int LOG_TAIL_LINES = 40;

    private Process process;

    ProcessBroker(String name) {
        super(name);
    }

    /** The command line, before any switch of user. */
    abstract List<String> command();

    /** Environment variables added to the process. */
    Map<String, String> environment() {
        return Map.of();
    }

    /** The user to run as when the JVM is root, or null to run as the current user. */
    SystemUser runAs() {
        return null;
    }

    /** How long a graceful stop may take before the process tree is killed. */
    Duration stopTimeout() {
        return Duration.ofSeconds(15);
    }

    /** Asks the broker to stop; default SIGTERM to the child process. Must not wait. */
    void requestStop(Process process) {
        process.destroy();
    }

    final Path logFile() {
        return workDir().resolve("broker.log");
    }

    @Override
    final void launch() {
        Map<String, String> env = environment();
        SystemUser user = runAs();
        List<String> command = user == null ? command() : user.wrap(command(), env);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        builder.environment().putAll(env);
        try {
            Files.writeString(logFile(), "---- " + String.join(" ", command) + System.lineSeparator(),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new BrokerException("TRB-TCK103", "cannot launch " + name() + " broker: " + command, e);
        }
    }

    @Override
    final String pauseAndCheckAlive(Duration pause) {
        try {
            if (process.waitFor(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                return "exit code " + process.exitValue();
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("TRB-TCK102", "interrupted while waiting for " + name() + " to start");
        }
    }

    @Override
    final void shutdown() {
        terminate(true);
    }

    @Override
    final void abortStart() {
        if (process != null) {
            terminate(false);
        }
    }

    private void terminate(boolean graceful) {
        Process current = process;
        // the tree is taken before the stop request: once the child exits, its orphans are no longer
        // its descendants and could not be found any more
        Deque<ProcessHandle> tree = new ArrayDeque<>();
        try (Stream<ProcessHandle> descendants = current.descendants()) {
            descendants.forEach(tree::push);
        }
        try {
            if (graceful) {
                requestStop(current);
                if (!current.waitFor(stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.log(Level.WARNING, "TRB-TCK104: " + name() + " broker on port " + port()
                            + " did not stop within " + stopTimeout().toSeconds() + " s; killing it");
                }
            }
            current.destroyForcibly();
            current.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
        // deepest first: a child killed before its parent cannot be restarted by it
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            handle.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> handle).join();
        }
    }

    @Override
    final String logTail() {
        return tailOf(logFile());
    }

    static String tailOf(Path file) {
        try {
            if (!Files.exists(file)) {
                return "(no log file " + file + ")";
            }
            List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return String.join(System.lineSeparator(), tail);
        } catch (IOException e) {
            return "(log " + file + " unreadable: " + e + ")";
        }
    }
}
