package dev.tributary.outbox.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import jakarta.transaction.TransactionScoped;
import org.hibernate.Session;

/**
 * The Java SE stand-in for {@code @PersistenceContext}: one EntityManager per JTA transaction (TESTING.md:
 * produce Hibernate's {@code Session}, its bean types include {@code EntityManager}).
 */
@ApplicationScoped
public class TestPersistence {
    static volatile EntityManagerFactory factory;

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
}
