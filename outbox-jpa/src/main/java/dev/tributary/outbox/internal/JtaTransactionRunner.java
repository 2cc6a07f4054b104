package dev.tributary.outbox.internal;

import dev.tributary.TributaryException;
import dev.tributary.spi.TransactionRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.concurrent.Callable;

/**
 * {@link TransactionRunner} on the container's (or Narayana's) {@code @Transactional(REQUIRED)} interceptor: joins
 * the caller's transaction or runs one of its own; rolls back on any exception (checked ones too). A commit that
 * fails becomes {@code TRB-OBX040}. Runs on the calling thread and blocks until the transaction completed.
 */
@ApplicationScoped
public class JtaTransactionRunner implements TransactionRunner {
    @Inject
    Work work;

    @Override
    public <T> T required(Callable<T> callable) throws Exception {
        Marker marker = new Marker();
        try {
            return work.run(callable, marker);
        } catch (Exception e) {
            if (marker.workReturned && isCommitFailure(e)) {
                throw new TributaryException("TRB-OBX040", "the transaction did not commit: " + e, e);
            }
            throw e;
        }
    }

    private static boolean isCommitFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().startsWith("jakarta.transaction.")) {
                return true;
            }
        }
        return e instanceof jakarta.transaction.TransactionalException;
    }

    /** Whether the work itself returned (so an exception came from the commit). */
    static final class Marker {
        volatile boolean workReturned;
    }

    /** The intercepted part: a separate bean so that the interceptor applies. */
    @ApplicationScoped
    @Transactional(value = Transactional.TxType.REQUIRED, rollbackOn = Exception.class)
    public static class Work {
        public <T> T run(Callable<T> callable, Marker marker) throws Exception {
            T result = callable.call();
            marker.workReturned = true;
            return result;
        }
    }
}
