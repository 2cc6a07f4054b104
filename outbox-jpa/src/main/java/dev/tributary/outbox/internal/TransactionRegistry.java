package dev.tributary.outbox.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Finds the {@link TransactionSynchronizationRegistry}: the container's at JNDI
 * {@code java:comp/TransactionSynchronizationRegistry} (every Jakarta EE server binds it), else a CDI bean (Narayana's
 * CDI integration offers one in Java SE). Resolved once; {@code null} when there is neither. Thread-safe.
 */
@ApplicationScoped
public class TransactionRegistry {
    static final String JNDI_NAME = "java:comp/TransactionSynchronizationRegistry";

    @Inject
    Instance<TransactionSynchronizationRegistry> beans;

    private volatile TransactionSynchronizationRegistry resolved;

    /** The registry, or {@code null} when neither JNDI nor CDI offers one. */
    public TransactionSynchronizationRegistry get() {
        TransactionSynchronizationRegistry r = resolved;
        if (r != null) {
            return r;
        }
        r = fromJndi();
        if (r == null && beans.isResolvable()) {
            r = beans.get();
        }
        resolved = r;
        return r;
    }

    private static TransactionSynchronizationRegistry fromJndi() {
        try {
            Object found = new javax.naming.InitialContext().lookup(JNDI_NAME);
            return found instanceof TransactionSynchronizationRegistry t ? t : null;
        } catch (Exception | LinkageError e) {
            return null; // no JNDI (Java SE) or nothing bound
        }
    }
}
