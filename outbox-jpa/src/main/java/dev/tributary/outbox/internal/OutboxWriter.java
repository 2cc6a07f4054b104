package dev.tributary.outbox.internal;

import dev.tributary.TributaryException;
import dev.tributary.outbox.Outbox;
import dev.tributary.outbox.OutboxRecord;
import dev.tributary.spi.OutboundMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Writes one outbox row in the caller's active JTA transaction through the application's {@code EntityManager}
 * ({@code persist} only: it never begins, flushes or commits) and registers, once per transaction, the
 * interposed {@link CommitHook}. Runs on the caller's thread; thread-safe.
 */
@ApplicationScoped
public class OutboxWriter {
    /** Connector option carrying the row id chosen by {@link Outbox#publish} (internal). */
    static final String ROW_ID = "outbox.row-id";
    /** The key of the hook among the transaction's resources: one per writer (per deployment). */
    private final Object hookKey = new Object();
    /** The id the last {@link #write} on this thread produced (read by the Outbox bean right after). */
    private final ThreadLocal<String> lastId = new ThreadLocal<>();

    @Inject
    EntityManagers entityManagers;
    @Inject
    TransactionRegistry transactions;
    @Inject
    RelayDirectory directory;

    /**
     * Writes the row.
     *
     * @return the row id, or the existing row's id when the deduplication key ({@code messageId}) is taken
     * @throws TributaryException {@code TRB-OBX001} no active transaction, {@code TRB-OBX002} marked for rollback,
     *         {@code TRB-OBX003} no EntityManager, {@code TRB-OBX007} an invalid {@link Outbox#NOT_BEFORE}
     */
    public String write(OutboundMessage m) {
        lastId.remove();
        TransactionSynchronizationRegistry tsr = transactions.get();
        int status = tsr == null ? Status.STATUS_NO_TRANSACTION : tsr.getTransactionStatus();
        if (status == Status.STATUS_MARKED_ROLLBACK) {
            throw new TributaryException("TRB-OBX002", "cannot write to the outbox queue '" + m.address()
                    + "': the transaction is marked for rollback");
        }
        if (status != Status.STATUS_ACTIVE) {
            throw new TributaryException("TRB-OBX001", "writing to the outbox queue '" + m.address() + "' needs an active"
                    + " JTA transaction and there is none" + (tsr == null ? " (no TransactionSynchronizationRegistry found)"
                    : "") + "; call it from a @Transactional method (or inside UserTransaction begin/commit)");
        }
        EntityManager em = joined(entityManagers.get(), m.address());
        CommitHook hook = (CommitHook) tsr.getResource(hookKey);
        String dedupKey = m.messageId();
        if (dedupKey != null) {
            String existing = hook != null ? hook.writtenWith(dedupKey) : null;
            if (existing == null) {
                List<String> found = em.createQuery("SELECT r.id FROM OutboxRecord r WHERE r.dedupKey = :key", String.class)
                        .setParameter("key", dedupKey).setFlushMode(FlushModeType.COMMIT).setMaxResults(1).getResultList();
                existing = found.isEmpty() ? null : found.get(0);
            }
            if (existing != null) {
                lastId.set(existing);
                return existing;
            }
        }
        Object chosen = m.options().get(ROW_ID);
        String id = chosen instanceof String s ? s : RowIds.next();
        Instant now = Instant.now();
        Instant due = notBefore(m, now);
        String headers = HeaderText.encode(m.headers());
        OutboxRecord row = new OutboxRecord(id, m.address(), m.body(), m.contentType(), headers, m.correlationId(),
                m.key(), dedupKey, now, due);
        if (hook == null) {
            hook = new CommitHook(directory);
            tsr.putResource(hookKey, hook);
            tsr.registerInterposedSynchronization(hook);
        }
        // a due row of a queue relayed in this JVM is written already leased to that relay: after the commit it owns
        // the row without a claim transaction (delayed rows and, with ordered keys, keyed rows take the claim rule)
        OutboxSubscription owner = due.isAfter(now) ? null : directory.preLeaseOwner(m.address(), m.key() != null);
        if (owner == null) {
            em.persist(row);
            hook.written(m.address(), id, dedupKey);
        } else {
            long stamped = System.nanoTime();
            try {
                row.lease(owner.preLeaseToken, now.toEpochMilli() + owner.leaseMillis());
                em.persist(row);
            } catch (RuntimeException | Error e) {
                owner.cancelPreLease();
                throw e;
            }
            hook.writtenLeased(owner, new ClaimedRow(id, m.address(), m.body(), m.contentType(), headers,
                    m.correlationId(), m.key(), dedupKey, 0, now.toEpochMilli(), owner.preLeaseToken), stamped);
        }
        lastId.set(id);
        return id;
    }

    /** The EntityManager, joined to the active JTA transaction ({@code TRB-OBX009} when it cannot be). */
    private static EntityManager joined(EntityManager em, String queue) {
        try {
            if (!em.isJoinedToTransaction()) {
                em.joinTransaction();
            }
            return em;
        } catch (RuntimeException e) {
            throw new TributaryException("TRB-OBX009", "the EntityManager bean cannot join the JTA transaction, so a row"
                    + " for '" + queue + "' would not commit with it (" + e + "); use a JTA persistence unit"
                    + " (transaction-type=\"JTA\") and a transaction-scoped EntityManager", e);
        }
    }

    /** The id of the last row this thread wrote (or found by its deduplication key), or {@code null}. */
    public String lastId() {
        return lastId.get();
    }

    private static Instant notBefore(OutboundMessage m, Instant now) {
        Object v = m.options().get(Outbox.NOT_BEFORE);
        if (v == null) {
            return now;
        }
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof Duration d) {
            return now.plus(d);
        }
        if (v instanceof Long l) {
            return Instant.ofEpochMilli(l);
        }
        if (v instanceof String s) {
            try {
                return Instant.parse(s.trim());
            } catch (RuntimeException e) {
                // fall through
            }
        }
        throw new TributaryException("TRB-OBX007", "option " + Outbox.NOT_BEFORE + " = '" + v + "' is not an Instant, a"
                + " Duration, epoch milliseconds or an ISO-8601 instant");
    }
}
