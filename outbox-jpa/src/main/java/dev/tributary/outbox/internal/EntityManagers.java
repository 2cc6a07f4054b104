package dev.tributary.outbox.internal;

import dev.tributary.TributaryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The application's {@code EntityManager} bean (default qualifier): in a server the application's
 * {@code @Produces @PersistenceContext EntityManager em;}, in Java SE a {@code @TransactionScoped} producer.
 * Looked up on first use, so a deployment without one still starts and fails only when the outbox is used.
 * Thread-safe.
 */
@ApplicationScoped
public class EntityManagers {

    @Inject
    Instance<EntityManager> entityManager;

    /**
     * Resolved once: both shapes of the bean are safe to keep — a server's container-managed EntityManager is a
     * proxy bound to the current transaction, a normal-scoped producer's reference is a client proxy.
     */
    private volatile EntityManager resolved;

    /** The transaction-bound {@code EntityManager}; {@code TRB-OBX003} when the application has none (or several). */
    public EntityManager get() {
        EntityManager em = resolved;
        if (em != null) {
            return em;
        }
        if (entityManager.isUnsatisfied()) {
            throw new TributaryException("TRB-OBX003", "the outbox needs the application's EntityManager as a CDI bean"
                    + " and there is none; add a producer: in a server '@Produces @PersistenceContext EntityManager em;',"
                    + " in Java SE a @TransactionScoped producer method");
        }
        if (entityManager.isAmbiguous()) {
            throw new TributaryException("TRB-OBX003", "the outbox needs one EntityManager bean with the default"
                    + " qualifier and there are several; qualify the others");
        }
        em = entityManager.get();
        resolved = em;
        return em;
    }
}
