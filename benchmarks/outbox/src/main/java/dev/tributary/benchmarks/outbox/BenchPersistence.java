package dev.tributary.benchmarks.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import jakarta.transaction.TransactionScoped;

import org.hibernate.Session;

/**
 * The Java SE stand-in for {@code @PersistenceContext} that the outbox README asks an SE application for: one
 * EntityManager per JTA transaction, produced as Hibernate's {@code Session} (TESTING.md explains why).
 */
@ApplicationScoped
public class BenchPersistence {
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
