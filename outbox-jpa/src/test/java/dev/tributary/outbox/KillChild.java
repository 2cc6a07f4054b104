package dev.tributary.outbox;

import static dev.tributary.outbox.testing.OutboxEnvironment.config;

import dev.tributary.Incoming;
import dev.tributary.outbox.testing.Account;
import dev.tributary.outbox.testing.OutboxEnvironment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The child JVM of {@link KillNineTest}: writes an account and an outbox row per transaction as fast as it can,
 * printing {@code committed <n>} after each commit, while its relay records every relayed body in
 * {@code relayed_log} (autocommit, before the row is acked). The parent kills it with SIGKILL at some point.
 * Arguments: JDBC URL, user.
 */
public final class KillChild {

    static volatile String url;
    static volatile String user;

    @ApplicationScoped
    public static class Writer {
        @Inject
        Outbox outbox;
        @Inject
        EntityManager em;

        @Transactional
        public void write(int n) {
            em.persist(new Account("a" + n, n));
            outbox.publish("a" + n, "kill");
        }
    }

    /** Records relayed bodies durably, then returns (the row is acked after). */
    @ApplicationScoped
    public static class LoggingRelay {
        private Connection connection;

        @Incoming(value = "kill", connector = "outbox", maxWorkers = 2)
        void relay(String body) throws SQLException {
            synchronized (this) {
                if (connection == null) {
                    connection = DriverManager.getConnection(url, user, "");
                }
                try (PreparedStatement s = connection.prepareStatement("INSERT INTO relayed_log (body) VALUES (?)")) {
                    s.setString(1, body);
                    s.executeUpdate();
                }
            }
        }
    }

    static Class<?>[] relayBeans() {
        return new Class<?>[] {LoggingRelay.class};
    }

    static java.util.Map<String, String> relayConfig() {
        return config("tributary.connectors.outbox.type", "outbox",
                "tributary.connectors.outbox.poll-interval", "100ms",
                "tributary.connectors.outbox.lease", "4s",
                "tributary.connectors.outbox.ack-policy", "nack-on-error");
    }

    public static void main(String[] args) {
        url = args[0];
        user = args[1];
        OutboxEnvironment env = OutboxEnvironment.attach(url, user, relayConfig());
        env.boot(Writer.class, LoggingRelay.class);
        Writer writer = env.bean(Writer.class);
        for (int n = 0; ; n++) {
            writer.write(n);
            System.out.println("committed " + n);
            System.out.flush();
        }
    }

    private KillChild() {
    }
}
