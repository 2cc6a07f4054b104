package dev.tributary.benchmarks.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;

import dev.tributary.tck.brokers.PostgresBroker;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.narayana.NarayanaTransactionIntegration;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;

/**
 * The benchmark's database side, as a Java SE user of the outbox sets it up (TESTING.md, "JTA + JPA inside Weld
 * SE"): a fresh database on the PostgreSQL server, the outbox table from the DDL shipped in the outbox jar, an Agroal
 * pool whose connections enlist in Narayana transactions, and a Hibernate JTA persistence unit. Lives for the whole
 * benchmark; Weld containers come and go around it. Not thread-safe to create; its queries are.
 */
final class BenchDatabase implements AutoCloseable {

    /** Agroal pool size: writer threads plus the relay's claim and settlement transactions, with room to spare. */
    static final int POOL_SIZE = 24;

    private final String jdbcUrl;
    private final String user;
    private final AgroalDataSource dataSource;
    final EntityManagerFactory factory;

    BenchDatabase(PostgresBroker pg) throws SQLException {
        this.user = pg.user();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), user, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE outbox_bench");
        }
        this.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/outbox_bench";
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : resource("/META-INF/tributary/outbox-postgresql.sql").split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
        var tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        var tsr = new TransactionSynchronizationRegistryImple();
        AgroalDataSourceConfigurationSupplier pool = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(p -> p.maxSize(POOL_SIZE)
                        .transactionIntegration(new NarayanaTransactionIntegration(tm, tsr))
                        .connectionFactoryConfiguration(f -> f.jdbcUrl(jdbcUrl).principal(new NamePrincipal(user))));
        this.dataSource = AgroalDataSource.from(pool);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("jakarta.persistence.jtaDataSource", dataSource);
        this.factory = Persistence.createEntityManagerFactory("outbox-bench", props);
        BenchPersistence.factory = factory;
    }

    /** A plain JDBC connection outside any transaction (autocommit), for the harness's own checks. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, "");
    }

    /** Runs a query returning one number on {@code c}. */
    static long count(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e, e);
        }
    }

    long count(String sql) {
        try (Connection c = connect()) {
            return count(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The outbox table's state in PostgreSQL's statistics: dead tuples left by deleted rows, how often autovacuum ran,
     * and the table's size with its indexes (statistics lag by up to half a second).
     */
    /**
     * {committed transactions in this database, rows updated in the outbox table} so far, from PostgreSQL's
     * cumulative statistics (each backend reports at least once a second while busy, so a 20 s window is exact to a
     * few per cent). Deltas per row tell the statements a relayed row costs apart from the machine's load.
     */
    long[] activity() {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT xact_commit FROM pg_stat_database"
                        + " WHERE datname = current_database()), (SELECT n_tup_upd FROM pg_stat_user_tables"
                        + " WHERE relname = 'tributary_outbox')")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        } catch (SQLException e) {
            return new long[] {0, 0};
        }
    }

    /** {@link #activity()} once it stopped changing (backends that just exited have reported; at most 5 s). */
    long[] settledActivity() {
        long[] last = activity();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() - deadline < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(300));
            long[] now = activity();
            if (now[0] - last[0] <= 1 && now[1] == last[1]) { // our own query commits once
                return now;
            }
            last = now;
        }
        return last;
    }

    String tableStats() {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT n_dead_tup, autovacuum_count,"
                        + " pg_total_relation_size('tributary_outbox') FROM pg_stat_user_tables"
                        + " WHERE relname = 'tributary_outbox'")) {
            if (!rs.next()) {
                return "n/a";
            }
            return String.format(java.util.Locale.ROOT, "%,d dead tuples, %d autovacuums, %.1f MB", rs.getLong(1),
                    rs.getLong(2), rs.getLong(3) / 1e6);
        } catch (SQLException e) {
            return "n/a (" + e.getMessage() + ")";
        }
    }

    /**
     * How long {@code SELECT 1} round trips take right now on a plain connection (200 in a row): on a shared machine the
     * PostgreSQL backend waits for a core, and every one of the relay's sequential statements pays that wait.
     *
     * @return "p50 / p99 ms"
     */
    String roundTrips() {
        Samples s = new Samples();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (int i = 0; i < 220; i++) {
                long t = System.nanoTime();
                try (ResultSet rs = st.executeQuery("SELECT 1")) {
                    rs.next();
                }
                if (i >= 20) {
                    s.add((System.nanoTime() - t) / 1e6);
                }
            }
        } catch (SQLException e) {
            return "n/a";
        }
        return String.format(java.util.Locale.ROOT, "%.2f / %.1f", s.percentile(50), s.percentile(99));
    }

    void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e, e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = BenchDatabase.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name + " (is tributary-outbox-jpa on the class path?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    @Override
    public void close() {
        factory.close();
        dataSource.close();
    }
}
