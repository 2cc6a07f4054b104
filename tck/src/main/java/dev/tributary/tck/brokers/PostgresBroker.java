package dev.tributary.tck.brokers;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server (Debian package {@code postgresql}) on a free loopback port: {@code initdb}
 * into the data directory on the first start (trust authentication, superuser {@value #USER}), then
 * {@code postgres} as a child process with {@code fsync=off} and no Unix socket. When the JVM is
 * root it runs as user {@code postgres} (PostgreSQL refuses root) and the directory belongs to that
 * user. A stop is a fast shutdown ({@code pg_ctl stop -m fast}): open sessions are disconnected.
 * Ready when a startup message is answered with {@code ReadyForQuery} (not "starting up").
 * See {@link Broker} for lifecycle, threading and errors.
 */
public final class PostgresBroker extends ProcessBroker {

    /** The superuser created by initdb; no password (trust). */
    public static final String USER = "tributary";
    /** The database every connection string points to. */
    public static final String DATABASE = "postgres";

    private static final SystemUser POSTGRES_USER = new SystemUser("postgres", "postgresql");

    private Path binDir;

    public PostgresBroker() {
        super("postgres");
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/postgres} (user {@value #USER}, no password). */
    @Override
    public String connectionString() {
        return jdbcUrl();
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/postgres}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + DATABASE;
    }

    /** {@value #USER}. */
    public String user() {
        return USER;
    }

    @Override
    void checkInstalled() {
        binDir = findBinDir();
    }

    @Override
    void prepare(Path workDir) {
        Path data = dataDir();
        POSTGRES_USER.own(workDir);
        List<String> initdb = List.of(binDir.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust",
                "-U", USER, "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions");
        runToCompletion(POSTGRES_USER.wrap(initdb, Map.of()), workDir.resolve("initdb.log"), Duration.ofSeconds(60),
                "initdb");
    }

    @Override
    List<String> command() {
        return List.of(binDir.resolve("postgres").toString(),
                "-D", dataDir().toString(),
                "-p", Integer.toString(port()),
                "-c", "listen_addresses=" + HOST,
                "-c", "unix_socket_directories=",
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off");
    }

    @Override
    SystemUser runAs() {
        return POSTGRES_USER;
    }

    @Override
    void requestStop(Process process) {
        List<String> stop = List.of(binDir.resolve("pg_ctl").toString(), "stop", "-D", dataDir().toString(),
                "-m", "fast", "--no-wait");
        try {
            runToCompletion(POSTGRES_USER.wrap(stop, Map.of()), workDir().resolve("pg_ctl.log"),
                    Duration.ofSeconds(10), "pg_ctl stop");
        } catch (BrokerException e) {
            process.destroy(); // SIGTERM: a "smart" shutdown, still a graceful one
        }
    }

    @Override
    boolean probe() throws IOException {
        try (LoopbackProbe probe = LoopbackProbe.connect(port())) {
            probe.write(startupMessage());
            DataInputStream in = probe.in();
            while (true) {
                int type = in.read();
                if (type == -1 || type == 'E') {
                    return false; // for example FATAL "the database system is starting up"
                }
                int length = in.readInt();
                in.skipNBytes(length - 4L);
                if (type == 'Z') {
                    probe.write(new byte[] {'X', 0, 0, 0, 4});
                    return true;
                }
            }
        }
    }

    private static byte[] startupMessage() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String part : new String[] {"user", USER, "database", DATABASE}) {
            body.writeBytes(part.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        body.write(0);
        byte[] params = body.toByteArray();
        int length = 8 + params.length;
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        writeInt(message, length);
        writeInt(message, 196608); // protocol 3.0
        message.writeBytes(params);
        return message.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static Path findBinDir() {
        Path versions = Path.of("/usr/lib/postgresql");
        List<Path> candidates = new ArrayList<>();
        if (Files.isDirectory(versions)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(versions)) {
                dirs.forEach(dir -> candidates.add(dir.resolve("bin")));
            } catch (IOException e) {
                // fall through to the PATH
            }
        }
        candidates.sort(Comparator.comparingInt(PostgresBroker::majorVersion).reversed());
        for (Path bin : candidates) {
            if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres"))) {
                return bin;
            }
        }
        return BrokerBinary.locate("initdb", "postgresql").getParent();
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void runToCompletion(List<String> command, Path log, Duration timeout, String what) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new BrokerException("TRB-TCK102", what + " did not finish within " + timeout.toSeconds()
                        + " s. Its output:\n" + tailOf(log));
            }
            if (process.exitValue() != 0) {
                throw new BrokerException("TRB-TCK103", what + " failed with exit code " + process.exitValue()
                        + ". Its output:\n" + tailOf(log));
            }
        } catch (IOException e) {
            throw new BrokerException("TRB-TCK103", "cannot run " + what + ": " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("TRB-TCK102", "interrupted while running " + what);
        }
    }
}
