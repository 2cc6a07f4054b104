package dev.tributary.examples.quickstart;

import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.narayana.NarayanaTransactionIntegration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.transaction.TransactionScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.hibernate.Session;

/**
 * What an application server would give the shop, done by hand in Java SE: an H2 database in memory, an Agroal
 * pool whose connections join the Narayana JTA transaction, the tables (the outbox's DDL shipped in its jar plus
 * the shop's own), Hibernate, and one EntityManager per transaction (Hibernate's {@code Session} type: see the
 * outbox README). Inside a server this class is one line: {@code @Produces @PersistenceContext EntityManager em;}.
 */
@ApplicationScoped
public class Database {
    private AgroalDataSource dataSource;
    private EntityManagerFactory factory;

    @PostConstruct
    void open() {
        try {
            var transactions = com.arjuna.ats.jta.TransactionManager.transactionManager();
            dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(p -> p.maxSize(8)
                            .transactionIntegration(new NarayanaTransactionIntegration(transactions,
                                    new TransactionSynchronizationRegistryImple()))
                            .connectionFactoryConfiguration(f -> f.jdbcUrl("jdbc:h2:mem:quickstart;DB_CLOSE_DELAY=-1")
                                    .principal(new NamePrincipal("sa")))));
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                for (String ddl : (resource("/META-INF/tributary/outbox-h2.sql")
                        + ";CREATE TABLE placed_order (id VARCHAR(64) PRIMARY KEY, customerId VARCHAR(64),"
                        + " total DECIMAL(12,2), tenant VARCHAR(32))").split(";")) {
                    if (!ddl.isBlank()) {
                        s.execute(ddl);
                    }
                }
            }
            factory = Persistence.createEntityManagerFactory("quickstart", Map.of("jakarta.persistence.jtaDataSource", dataSource));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the quickstart database", e);
        }
    }

    @Produces
    @TransactionScoped
    Session entityManager() {
        return factory.createEntityManager().unwrap(Session.class);
    }

    void close(@Disposes Session session) {
        if (session.isOpen()) {
            session.close();
        }
    }

    /** Rows of a table, outside any transaction (for the summary). */
    long count(String table) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void shut() {
        if (factory != null) {
            factory.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }

    private static String resource(String name) {
        try (InputStream in = Database.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing " + name + " (it ships in tributary-outbox-jpa)", e);
        }
    }
}
