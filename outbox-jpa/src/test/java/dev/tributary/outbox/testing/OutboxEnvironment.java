package dev.tributary.outbox.testing;

import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;
import com.arjuna.ats.jta.cdi.TransactionExtension;
import dev.tributary.cdi.TributaryExtension;
import dev.tributary.outbox.internal.DefaultOutbox;
import dev.tributary.outbox.internal.EntityManagers;
import dev.tributary.outbox.internal.FailureNotes;
import dev.tributary.outbox.internal.JpaOutboxAdmin;
import dev.tributary.outbox.internal.JtaTransactionRunner;
import dev.tributary.outbox.internal.OutboxConnectorProvider;
import dev.tributary.outbox.internal.OutboxStore;
import dev.tributary.outbox.internal.OutboxWriter;
import dev.tributary.outbox.internal.RelayDirectory;
import dev.tributary.outbox.internal.TransactionRegistry;
import dev.tributary.tck.brokers.PostgresBroker;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.narayana.NarayanaTransactionIntegration;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * One outbox deployment in Java SE, as TESTING.md ("JTA + JPA inside Weld SE") describes it: Narayana (object store
 * under target/, no status manager), an Agroal pool enlisting its connections, Hibernate (JTA), a
 * {@code @TransactionScoped} EntityManager producer, Weld SE with the Tributary and Narayana extensions, the outbox
 * beans and the test's beans, and the table created from the DDL shipped in the jar. H2 in memory, or a fresh
 * database on the PostgreSQL server of this JVM (started once, from tck's {@link PostgresBroker}).
 *
 * <p>Configuration is passed as system properties (MicroProfile Config released so it sees them), cleared on close.
 * One environment at a time per JVM.
 */
public final class OutboxEnvironment implements AutoCloseable {

    /** The database under test. */
    public enum Database { H2, POSTGRES }

    /** The outbox's own beans (discovery is off, as in weld-junit5). */
    public static final Class<?>[] OUTBOX_BEANS = {DefaultOutbox.class, EntityManagers.class, FailureNotes.class,
            JpaOutboxAdmin.class, JtaTransactionRunner.class, JtaTransactionRunner.Work.class,
            OutboxConnectorProvider.class, OutboxStore.class, OutboxWriter.class, RelayDirectory.class,
            TransactionRegistry.class};

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresBroker postgres;

    static {
        String target = System.getProperty("outbox.target", "target");
        Path store = Path.of(target, "narayana", Long.toString(ProcessHandle.current().pid())).toAbsolutePath();
        for (String k : new String[] {"ObjectStoreEnvironmentBean.objectStoreDir",
                "com.arjuna.ats.arjuna.objectstore.objectStoreDir"}) {
            System.setProperty(k, store.toString());
        }
        System.setProperty("CoordinatorEnvironmentBean.transactionStatusManagerEnable", "false");
        System.setProperty("com.arjuna.ats.arjuna.coordinator.transactionStatusManagerEnable", "false");
    }

    public final Database database;
    private final String jdbcUrl;
    private final String user;
    private final AgroalDataSource dataSource;
    private final EntityManagerFactory factory;
    private final Map<String, String> config;
    private WeldContainer container;

    private OutboxEnvironment(Database database, String jdbcUrl, String user, Map<String, String> config,
            boolean createSchema) throws SQLException {
        this.database = database;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.config = config;
        if (createSchema) {
            createSchema();
        }
        var tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        var tsr = new TransactionSynchronizationRegistryImple();
        AgroalDataSourceConfigurationSupplier pool = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(p -> p.maxSize(24)
                        .transactionIntegration(new NarayanaTransactionIntegration(tm, tsr))
                        .connectionFactoryConfiguration(f -> f.jdbcUrl(jdbcUrl).principal(new NamePrincipal(user))));
        this.dataSource = AgroalDataSource.from(pool);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("jakarta.persistence.jtaDataSource", dataSource);
        this.factory = Persistence.createEntityManagerFactory("outbox-test", props);
    }

    /** Starts a deployment with the given configuration ({@code key, value, …}) and test beans. */
    public static OutboxEnvironment start(Database database, Map<String, String> config, Class<?>... beans) {
        OutboxEnvironment env = create(database, config);
        env.boot(beans);
        return env;
    }

    /** Creates the database and persistence unit without starting the container ({@link #boot}). */
    public static OutboxEnvironment create(Database database, Map<String, String> config) {
        try {
            String url;
            String user;
            if (database == Database.H2) {
                url = "jdbc:h2:mem:outbox" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
                user = "sa";
            } else {
                PostgresBroker pg = postgres();
                String name = "outbox" + DATABASES.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
                try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
                        Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name);
                }
                url = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + name;
                user = pg.user();
            }
            return new OutboxEnvironment(database, url, user, config, true);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An environment on an existing PostgreSQL database (for example one a parent test JVM created). */
    public static OutboxEnvironment attach(String jdbcUrl, String user, Map<String, String> config) {
        try {
            return new OutboxEnvironment(Database.POSTGRES, jdbcUrl, user, config, false);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts Weld (Tributary starts with it). */
    public OutboxEnvironment boot(Class<?>... beans) {
        TestPersistence.factory = factory;
        applyConfig(config);
        try {
            Weld weld = new Weld("outbox-test-" + UUID.randomUUID()).disableDiscovery()
                    .addExtension(new TributaryExtension()).addExtension(new TransactionExtension())
                    .addBeanClasses(OUTBOX_BEANS).addBeanClass(TestPersistence.class).addBeanClasses(beans);
            container = weld.initialize();
        } catch (RuntimeException e) {
            clearConfig(config);
            throw e;
        }
        return this;
    }

    /** Stops the container (Tributary drains and stops); the database stays. */
    public void shutdown() {
        if (container != null) {
            container.shutdown();
            container = null;
        }
        clearConfig(config);
    }

    public static synchronized PostgresBroker postgres() {
        if (postgres == null) {
            PostgresBroker pg = new PostgresBroker();
            pg.start();
            postgres = pg;
        }
        return postgres;
    }

    public static Map<String, String> config(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    public <T> T bean(Class<T> type, java.lang.annotation.Annotation... qualifiers) {
        return container.select(type, qualifiers).get();
    }

    public WeldContainer container() {
        return container;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    /** A plain JDBC connection outside any transaction (autocommit). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, "");
    }

    /** Runs a query returning one number, outside any transaction. */
    public long count(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs statements outside any transaction. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void createSchema() throws SQLException {
        String ddl = resource("/META-INF/tributary/outbox-" + (database == Database.H2 ? "h2" : "postgresql") + ".sql");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : ddl.split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
            s.execute("CREATE TABLE test_account (id VARCHAR(64) PRIMARY KEY, balance INTEGER NOT NULL)");
        }
    }

    private static String resource(String name) {
        try (InputStream in = OutboxEnvironment.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing " + name, e);
        }
    }

    private static void applyConfig(Map<String, String> config) {
        config.forEach(System::setProperty);
        releaseConfig();
    }

    private static void clearConfig(Map<String, String> config) {
        config.keySet().forEach(System::clearProperty);
        releaseConfig();
    }

    private static void releaseConfig() {
        try {
            ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        } catch (RuntimeException ignored) {
            // nothing to release
        }
    }

    @Override
    public void close() {
        shutdown();
        factory.close();
        dataSource.close();
        if (database == Database.H2) {
            execute("SHUTDOWN");
        }
    }
}
