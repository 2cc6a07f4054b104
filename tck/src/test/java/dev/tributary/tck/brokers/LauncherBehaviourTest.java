package dev.tributary.tck.brokers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The launchers' own contract: errors, lifecycle, sharing, and no process left behind. */
@ExtendWith({Brokers.class, LauncherBehaviourTest.ContextParameter.class})
class LauncherBehaviourTest {

    /** Hands a test its own ExtensionContext, to call {@link Brokers#shared} as a TCK provider would. */
    static final class ContextParameter implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ExtensionContext.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context;
        }
    }

    @Test
    void aMissingBinaryNamesTheDebianPackage() {
        BrokerException error = assertThrows(BrokerException.class,
                () -> BrokerBinary.locate("tributary-no-such-broker", "tributary-some-package"));
        assertEquals("TRB-TCK101", error.code());
        assertTrue(error.getMessage().contains("apt-get install -y --no-install-recommends tributary-some-package"),
                error.getMessage());
    }

    @Test
    void aBrokerThatNeverAnswersFailsAtTheDeadlineWithItsLogAndLeavesNoProcess() throws IOException {
        String script = "echo warming up; echo $$ > shell.pid; sleep 60 & echo $! > child.pid; wait";
        try (ScriptBroker broker = new ScriptBroker(script, Duration.ofMillis(1500))) {
            BrokerException error = assertThrows(BrokerException.class, broker::start);
            assertEquals("TRB-TCK102", error.code());
            assertTrue(error.getMessage().contains("warming up"), "log tail in: " + error.getMessage());
            assertFalse(broker.isRunning());
            for (String pidFile : List.of("shell.pid", "child.pid")) {
                long pid = Long.parseLong(Files.readString(broker.workDir().resolve(pidFile)).trim());
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                        pidFile + " " + pid + " still alive");
            }
        }
    }

    @Test
    void aBrokerThatExitsWhileStartingFailsAtOnceWithExitCodeAndLog() {
        try (ScriptBroker broker = new ScriptBroker("echo bad configuration >&2; exit 3", Duration.ofSeconds(20))) {
            long begin = System.nanoTime();
            BrokerException error = assertThrows(BrokerException.class, broker::start);
            assertEquals("TRB-TCK103", error.code());
            assertTrue(error.getMessage().contains("exit code 3"), error.getMessage());
            assertTrue(error.getMessage().contains("bad configuration"), error.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - begin).compareTo(Duration.ofSeconds(10)) < 0,
                    "a dead process is reported before the readiness deadline");
        }
    }

    @Test
    void mosquittoWithAnUnknownOptionReportsMosquittosOwnError() {
        try (MosquittoBroker mosquitto = new MosquittoBroker().withConfigLine("tributary_no_such_option 1")) {
            BrokerException error = assertThrows(BrokerException.class, mosquitto::start);
            assertEquals("TRB-TCK103", error.code());
            assertTrue(error.getMessage().contains("tributary_no_such_option"), error.getMessage());
        }
    }

    @Test
    void mosquittoOptionsOverrideTheDefaultsAndAreFixedAfterTheFirstStart() throws IOException {
        try (MosquittoBroker mosquitto = new MosquittoBroker().withOption("max_queued_messages", "7")) {
            mosquitto.start();
            List<String> config = Files.readAllLines(mosquitto.configFile(), StandardCharsets.UTF_8);
            assertTrue(config.contains("max_queued_messages 7"), config.toString());
            assertFalse(config.contains("max_queued_messages " + MosquittoBroker.DEFAULT_MAX_QUEUED_MESSAGES));
            BrokerException error = assertThrows(BrokerException.class,
                    () -> mosquitto.withOption("max_inflight_messages", "1"));
            assertEquals("TRB-TCK106", error.code());
        }
    }

    @Test
    void closeDeletesTheDataAndAClosedBrokerCannotStart() {
        RedisBroker redis = new RedisBroker();
        assertEquals("TRB-TCK106", assertThrows(BrokerException.class, redis::port).code());
        redis.start();
        Path work = redis.workDir();
        int port = redis.port();
        assertTrue(Files.isDirectory(redis.dataDir()));
        redis.close();
        assertFalse(Files.exists(work), "work directory deleted");
        assertFalse(LoopbackProbe.isListening(port));
        assertEquals("TRB-TCK106", assertThrows(BrokerException.class, redis::start).code());
        redis.close(); // idempotent
    }

    @Test
    void theExtensionSharesOneBrokerPerTypeAndRestartsOneLeftStopped(RedisBroker first, RedisBroker second,
            ExtensionContext context) {
        assertSame(first, second);
        int port = first.port();
        first.stop();
        RedisBroker again = Brokers.shared(context, RedisBroker.class);
        assertSame(first, again);
        assertTrue(again.isRunning());
        assertEquals(port, again.port());
        assertTrue(LoopbackProbe.isListening(port));
    }

    @Test
    void brokersLeftOpenAreClosedWhenTheJvmIsTerminated() throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                ForgetfulMain.class.getName()).redirectErrorStream(true).start();
        try {
            // the child prints "port <p> work <dir>" once its brokers run, then waits to be killed
            String line = readLineWithin(child, Duration.ofSeconds(30));
            Matcher matcher = Pattern.compile("port (\\d+) work (\\S+)").matcher(line);
            assertTrue(matcher.find(), "child said: " + line);
            int port = Integer.parseInt(matcher.group(1));
            Path work = Path.of(matcher.group(2));
            assertTrue(LoopbackProbe.isListening(port));

            child.destroy(); // SIGTERM, as Ctrl-C or Surefire killing its fork
            assertTrue(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "child JVM did not exit");
            assertFalse(LoopbackProbe.isListening(port), "redis of the terminated JVM still listening");
            assertFalse(Files.exists(work), "work directory of the terminated JVM still there");
            assertNoProcessMentions(work.toString());
        } finally {
            child.destroyForcibly();
        }
    }

    private static String readLineWithin(Process child, Duration timeout) throws Exception {
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
        var line = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                StringBuilder all = new StringBuilder();
                for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                    all.append(l).append('\n');
                    if (l.startsWith("port ")) {
                        return l;
                    }
                }
                return all.toString();
            } catch (IOException e) {
                return e.toString();
            }
        });
        return line.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** No live process has the given text on its command line (brokers name their work directory). */
    private static void assertNoProcessMentions(String text) {
        Optional<ProcessHandle> survivor = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(text)).orElse(false))
                .filter(ProcessHandle::isAlive)
                .findFirst();
        assertFalse(survivor.isPresent(), () -> "process left behind: " + survivor.get().info());
    }

    /** Starts a broker and never closes it: the shutdown hook must. */
    static final class ForgetfulMain {
        public static void main(String[] args) throws Exception {
            RedisBroker redis = new RedisBroker();
            redis.start();
            System.out.println("port " + redis.port() + " work " + redis.workDir());
            System.out.flush();
            new java.util.concurrent.CountDownLatch(1).await(); // blocks until the test terminates this JVM
        }
    }
}
