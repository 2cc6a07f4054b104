package dev.tributary.cdi.se;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.Subscriptions;
import dev.tributary.cdi.TributaryExtension;
import dev.tributary.cdi.TributaryHealth;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.weld.environment.se.Weld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TributaryMainTest {

    @Test
    void mainRunsUntilSigtermThenDrainsAndExitsZero(@TempDir Path tmp) throws Exception {
        Path testClasses = Paths.get(TributaryMainTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // a bean archive holding only the demo application
        Path app = tmp.resolve("app");
        Path pkg = Paths.get("dev", "tributary", "cdi", "se", "app");
        Files.createDirectories(app.resolve(pkg));
        try (Stream<Path> classes = Files.list(testClasses.resolve(pkg))) {
            for (Path c : classes.toList()) {
                Files.copy(c, app.resolve(pkg).resolve(c.getFileName()));
            }
        }
        Files.createDirectories(app.resolve("META-INF"));
        Files.writeString(app.resolve("META-INF/beans.xml"), "<beans bean-discovery-mode=\"annotated\"/>");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isEmpty() && !Paths.get(e).toAbsolutePath().equals(testClasses.toAbsolutePath())) {
                entries.add(e);
            }
        }
        entries.add(app.toString());
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        // output goes to a file: Process.destroy() closes the pipes, which would lose the drain lines
        Path log = tmp.resolve("out.log");
        Process p = new ProcessBuilder(java.toString(), "-cp", String.join(File.pathSeparator, entries),
                Tributary.class.getName()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("APP-RECEIVED hello")
                    || !p.isAlive());
            assertThat(Files.readString(log)).contains("TRB-SE000");
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(log);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("TRB-RUN009", "TRB-SE002");
            assertThat(out.indexOf("TRB-RUN009")).isLessThan(out.indexOf("TRB-SE002"));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void programmaticStartAndClose() {
        Weld weld = new Weld("se-api-test").disableDiscovery().addExtension(new TributaryExtension())
                .addBeanClasses(dev.tributary.cdi.se.app.SeApp.class);
        Tributary.Running running = Tributary.start(weld);
        try (running) {
            assertThat(running.isRunning()).isTrue();
            assertThat(running.select(TributaryHealth.class).isUp()).isTrue();
            assertThat(running.select(Subscriptions.class)).isNotNull();
            assertThat(running.beanManager()).isNotNull();
        }
        assertThat(running.isRunning()).isFalse();
    }
}
