package dev.tributary.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.outbox.testing.OutboxEnvironment;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Crash safety: a child JVM writes and relays; it is killed with SIGKILL while rows are between commit and relay
 * and between publish and delete. A new relay on the same PostgreSQL then delivers the rest: every committed row is
 * relayed at least once, nothing that was not committed is relayed, and the duplicates (rows relayed before the
 * kill but not yet deleted) are counted and reported.
 */
class KillNineTest {

    @Test
    void nothingCommittedIsLostAcrossKillNine() throws Exception {
        OutboxEnvironment env = OutboxEnvironment.create(OutboxEnvironment.Database.POSTGRES, KillChild.relayConfig());
        try {
            env.execute("CREATE TABLE relayed_log (seq BIGSERIAL PRIMARY KEY, body VARCHAR(64) NOT NULL)");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    "-Doutbox.target=" + System.getProperty("outbox.target", "target"),
                    "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
                    KillChild.class.getName(), env.jdbcUrl(), env.user()));
            Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            AtomicInteger committed = new AtomicInteger(-1);
            AtomicInteger lostLeases = new AtomicInteger();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    PrintWriter log = new PrintWriter(Files.newBufferedWriter(Path.of(
                            System.getProperty("outbox.target", "target"), "kill-child.log")), true);
                    while ((line = r.readLine()) != null) {
                        if (!line.startsWith("committed ")) {
                            log.println(line);
                        }
                        if (line.startsWith("committed ")) {
                            committed.set(Integer.parseInt(line.substring(10).trim()));
                        }
                        int at = line.indexOf("TRB-OBX022 ");
                        if (at >= 0) { // "<n> of <m> settlements … found their row no longer leased"
                            lostLeases.addAndGet(Integer.parseInt(line.substring(at + 11, line.indexOf(' ', at + 11))));
                        }
                        at = line.indexOf("TRB-OBX029 ");
                        if (at >= 0) { // "<n> rows … were claimed again while still in flight": lease expired
                            lostLeases.addAndGet(Integer.parseInt(line.substring(at + 11, line.indexOf(' ', at + 11))));
                        }
                        at = line.indexOf("TRB-OBX021 writing ");
                        if (at >= 0) { // "writing <n> settlements … failed": their rows come back after the lease
                            lostLeases.addAndGet(Integer.parseInt(line.substring(at + 19, line.indexOf(' ', at + 19))));
                        }
                    }
                } catch (Exception e) {
                    // the child died
                }
            });
            reader.setDaemon(true);
            reader.start();
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                        .until(() -> (committed.get() >= 150
                                && env.count("SELECT COUNT(*) FROM relayed_log") >= 20) || !child.isAlive());
                assertThat(child.isAlive()).as("child alive").isTrue();
                // kill while it writes and relays: some rows are committed but not relayed, some relayed but not deleted
                long relayedBeforeKill = env.count("SELECT COUNT(*) FROM relayed_log");
                child.destroyForcibly(); // SIGKILL
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(relayedBeforeKill).isPositive();
            } finally {
                child.destroyForcibly();
            }
            long pendingAfterKill = env.count("SELECT COUNT(*) FROM tributary_outbox");
            long leasedAfterKill = env.count("SELECT COUNT(*) FROM tributary_outbox WHERE lease_token IS NOT NULL");

            // restart: a relay on the same database picks up everything (leased rows after their 4 s lease)
            KillChild.url = env.jdbcUrl();
            KillChild.user = env.user();
            env.boot(KillChild.relayBeans());
            await().atMost(Duration.ofSeconds(30)).until(() -> env.count("SELECT COUNT(*) FROM tributary_outbox") == 0);
            env.shutdown();

            Set<String> accounts = strings(env, "SELECT id FROM test_account");
            Map<String, Integer> relayed = new HashMap<>();
            try (Connection c = env.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT body FROM relayed_log")) {
                while (rs.next()) {
                    relayed.merge(rs.getString(1), 1, Integer::sum);
                }
            }
            long duplicates = relayed.values().stream().filter(v -> v > 1).mapToInt(v -> v - 1).sum();
            System.out.println("kill -9: " + accounts.size() + " committed, " + pendingAfterKill
                    + " rows left in the outbox at the kill (" + leasedAfterKill + " leased), "
                    + relayed.size() + " distinct relayed, " + duplicates + " duplicates, " + lostLeases
                    + " deliveries the child reported as after a lease expiry");
            assertThat(accounts.size()).isGreaterThanOrEqualTo(150);
            assertThat(relayed.keySet()).as("every committed row relayed, nothing else").isEqualTo(accounts);
            assertThat(pendingAfterKill).as("the kill left work for the restart").isPositive();
            // duplicates only where a lease was live at the kill (relayed, not yet deleted) or had expired before
            assertThat(duplicates).as("duplicates only in the windows").isLessThanOrEqualTo(leasedAfterKill
                    + lostLeases.get());
        } finally {
            env.close();
        }
    }

    private static Set<String> strings(OutboxEnvironment env, String sql) throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = env.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
