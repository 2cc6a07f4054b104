package dev.tributary.outbox.internal;

import dev.tributary.outbox.OutboxAdmin;
import dev.tributary.outbox.OutboxRecord;
import dev.tributary.outbox.OutboxRecord.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The relay's database work, each method one short transaction of its own ({@code REQUIRES_NEW}) through the
 * application's {@code EntityManager}. Thread-safe; blocks on the database; called from the runtime's executor,
 * never from a committing thread. Database errors propagate.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class OutboxStore {

    /** Hibernate (and the JPA lock-timeout hint): -2 = {@code SKIP LOCKED} where the database has it. */
    static final String LOCK_TIMEOUT = "jakarta.persistence.lock.timeout";
    static final int SKIP_LOCKED = -2;

    @Inject
    EntityManagers entityManagers;

    /**
     * Claims up to {@code max} ready rows of {@code queue} (only those of {@code ids} when not {@code null}):
     * pending, due, not leased (or the lease expired) and — when {@code ordered} — no older pending row of the
     * same ordering key. With {@code skipLocked} it locks them with {@code FOR UPDATE SKIP LOCKED} (Hibernate's
     * translation of lock timeout -2); otherwise it picks candidates and stamps them with a conditional
     * {@code UPDATE} (portable). Either way it stamps {@code token} and the lease end and returns the rows in id
     * order.
     */
    public List<ClaimedRow> claim(String queue, List<String> ids, int max, boolean ordered, long now, long leaseMillis,
            String token, boolean skipLocked) {
        EntityManager em = entityManagers.get();
        StringBuilder jpql = new StringBuilder(" FROM OutboxRecord r WHERE r.queue = :queue"
                + " AND r.status = :pending AND r.nextAttempt <= :now"
                + " AND (r.leaseUntil IS NULL OR r.leaseUntil < :now)");
        if (ids != null) {
            jpql.append(" AND r.id IN ").append(inList(ids.size()));
        }
        if (ordered) {
            jpql.append(" AND (r.orderingKey IS NULL OR NOT EXISTS (SELECT o.id FROM OutboxRecord o"
                    + " WHERE o.queue = r.queue AND o.orderingKey = r.orderingKey AND o.status = :pending"
                    + " AND o.id < r.id))");
        }
        jpql.append(" ORDER BY r.id");
        if (skipLocked) {
            TypedQuery<OutboxRecord> q = em.createQuery("SELECT r" + jpql, OutboxRecord.class)
                    .setMaxResults(max).setLockMode(LockModeType.PESSIMISTIC_WRITE).setHint(LOCK_TIMEOUT, SKIP_LOCKED);
            bind(q, queue, ids, now);
            List<OutboxRecord> rows = q.getResultList();
            if (rows.isEmpty()) {
                return List.of();
            }
            long leaseUntil = now() + leaseMillis; // counted from when the rows are locked, not from when we asked
            List<String> claimed = new ArrayList<>(rows.size());
            List<ClaimedRow> out = new ArrayList<>(rows.size());
            for (OutboxRecord r : rows) {
                claimed.add(r.id());
                out.add(ClaimedRow.of(r, token));
            }
            jakarta.persistence.Query stamp = em.createQuery("UPDATE OutboxRecord r SET r.leaseToken = :token,"
                    + " r.leaseUntil = :until WHERE r.id IN " + inList(claimed.size()))
                    .setParameter("token", token).setParameter("until", leaseUntil);
            bindIds(stamp, claimed);
            stamp.executeUpdate();
            return out;
        }
        // portable claim: pick candidates without locks, then stamp only those still free (the UPDATE's row locks
        // and its re-checked condition decide between concurrent claimers), then read back what this token holds
        TypedQuery<String> candidates = em.createQuery("SELECT r.id" + jpql, String.class).setMaxResults(max);
        bind(candidates, queue, ids, now);
        List<String> picked = candidates.getResultList();
        if (picked.isEmpty()) {
            return List.of();
        }
        long leaseUntil = now() + leaseMillis;
        jakarta.persistence.Query stamp = em.createQuery("UPDATE OutboxRecord r SET r.leaseToken = :token,"
                + " r.leaseUntil = :until WHERE r.id IN " + inList(picked.size()) + " AND r.status = :pending"
                + " AND r.nextAttempt <= :now AND (r.leaseUntil IS NULL OR r.leaseUntil < :now)")
                .setParameter("token", token).setParameter("until", leaseUntil)
                .setParameter("pending", Status.PENDING).setParameter("now", now);
        bindIds(stamp, picked);
        int stamped = stamp.executeUpdate();
        if (stamped == 0) {
            return List.of();
        }
        List<ClaimedRow> out = new ArrayList<>(stamped);
        for (OutboxRecord r : em.createQuery("SELECT r FROM OutboxRecord r WHERE r.leaseToken = :token ORDER BY r.id",
                OutboxRecord.class).setParameter("token", token).getResultList()) {
            out.add(ClaimedRow.of(r, token));
        }
        return out;
    }

    private static void bind(TypedQuery<?> q, String queue, List<String> ids, long now) {
        q.setParameter("queue", queue).setParameter("pending", Status.PENDING).setParameter("now", now);
        if (ids != null) {
            bindIds(q, ids);
        }
    }

    // ------------------------------------------------------------------ IN lists Hibernate can cache

    /**
     * IN-list sizes: a list is padded (its last id repeated) to the next size, and each size is a JPQL string of its
     * own with one single-valued parameter per element. Hibernate caches the plan of such a statement; a
     * collection-valued parameter ({@code IN :ids}) is translated again on every execution (measured: 8–10 % of the
     * relay's CPU). Lists longer than the largest size keep a collection-valued parameter.
     */
    private static final int[] IN_SIZES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 500};
    private static final String[] IN_LISTS = new String[IN_SIZES.length];
    private static final String[] ID_PARAMS = new String[500];

    static {
        for (int i = 0; i < ID_PARAMS.length; i++) {
            ID_PARAMS[i] = "i" + i;
        }
        for (int c = 0; c < IN_SIZES.length; c++) {
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < IN_SIZES[c]; i++) {
                b.append(i == 0 ? ":" : ", :").append(ID_PARAMS[i]);
            }
            IN_LISTS[c] = b.append(')').toString();
        }
    }

    /** The padded size class for {@code n} ids, or -1 beyond the largest. */
    private static int sizeClass(int n) {
        for (int c = 0; c < IN_SIZES.length; c++) {
            if (n <= IN_SIZES[c]) {
                return c;
            }
        }
        return -1;
    }

    /** The IN list for {@code n} ids: {@code (:i0, …)} padded to its size class, or {@code :ids} beyond the largest. */
    static String inList(int n) {
        int c = sizeClass(n);
        return c < 0 ? ":ids" : IN_LISTS[c];
    }

    /** Binds the ids of an {@link #inList} made for {@code ids.size()} (padding repeats the last id). */
    static void bindIds(jakarta.persistence.Query q, List<String> ids) {
        int c = sizeClass(ids.size());
        if (c < 0) {
            q.setParameter("ids", ids);
            return;
        }
        int last = ids.size() - 1;
        for (int i = 0; i < IN_SIZES[c]; i++) {
            q.setParameter(ID_PARAMS[i], ids.get(Math.min(i, last)));
        }
    }

    /**
     * Whether the persistence provider turns JPQL {@code PESSIMISTIC_WRITE} with lock timeout -2 into
     * {@code FOR UPDATE SKIP LOCKED} (Hibernate does; EclipseLink — Open Liberty, Payara — does not).
     */
    public boolean providerSkipsLocked() {
        EntityManager em = entityManagers.get();
        String provider = em.getEntityManagerFactory().getClass().getName() + " " + em.getDelegate().getClass().getName();
        return provider.contains("hibernate");
    }

    /**
     * Writes a batch of settlements in one transaction.
     *
     * @param retain {@code false}: delete delivered rows; {@code true}: keep them as DONE (their next attempt holds
     *        the delivery time {@code now}) until the retention purge
     * @return how many settlements found their row no longer leased with their token (lease lost)
     */
    public int settle(List<Settlement> batch, long now, boolean retain) {
        EntityManager em = entityManagers.get();
        int lost = 0;
        Map<String, List<String>> doneByToken = new LinkedHashMap<>();
        for (Settlement s : batch) {
            if (s.kind() == Settlement.Kind.DONE) {
                doneByToken.computeIfAbsent(s.leaseToken(), t -> new ArrayList<>()).add(s.id());
            }
        }
        for (Map.Entry<String, List<String>> e : doneByToken.entrySet()) {
            for (List<String> chunk : chunks(e.getValue())) {
                jakarta.persistence.Query q;
                if (retain) {
                    q = em.createQuery("UPDATE OutboxRecord r SET r.status = :done, r.nextAttempt = :now,"
                            + " r.leaseToken = NULL, r.leaseUntil = NULL WHERE r.leaseToken = :token AND r.id IN "
                            + inList(chunk.size()))
                            .setParameter("done", Status.DONE).setParameter("now", now);
                } else {
                    q = em.createQuery("DELETE FROM OutboxRecord r WHERE r.leaseToken = :token AND r.id IN "
                            + inList(chunk.size()));
                }
                q.setParameter("token", e.getKey());
                bindIds(q, chunk);
                int n = q.executeUpdate();
                lost += chunk.size() - n;
            }
        }
        for (Settlement s : batch) {
            if (s.kind() == Settlement.Kind.DONE) {
                continue;
            }
            boolean dead = s.kind() == Settlement.Kind.DEAD;
            int n = em.createQuery("UPDATE OutboxRecord r SET r.status = :status, r.attempts = :attempts,"
                    + " r.nextAttempt = :next, r.lastError = :error, r.leaseToken = NULL, r.leaseUntil = NULL"
                    + " WHERE r.id = :id AND r.leaseToken = :token")
                    .setParameter("status", dead ? Status.DEAD : Status.PENDING).setParameter("attempts", s.attempts())
                    .setParameter("next", s.nextAttempt()).setParameter("error", bounded(s.error()))
                    .setParameter("id", s.id()).setParameter("token", s.leaseToken()).executeUpdate();
            lost += 1 - n;
        }
        return lost;
    }

    /** Clears the lease of rows still held with {@code token} (claimed but not settled at shutdown). */
    public int release(String token, List<String> ids) {
        EntityManager em = entityManagers.get();
        int n = 0;
        for (List<String> chunk : chunks(ids)) {
            n += em.createQuery("UPDATE OutboxRecord r SET r.leaseToken = NULL, r.leaseUntil = NULL"
                    + " WHERE r.leaseToken = :token AND r.id IN :ids")
                    .setParameter("token", token).setParameter("ids", chunk).executeUpdate();
        }
        return n;
    }

    /** Extends the lease of rows still held with {@code token}. @return how many rows were extended */
    public int renew(String token, List<String> ids, long leaseUntil) {
        EntityManager em = entityManagers.get();
        int n = 0;
        for (List<String> chunk : chunks(ids)) {
            n += em.createQuery("UPDATE OutboxRecord r SET r.leaseUntil = :until WHERE r.leaseToken = :token"
                    + " AND r.id IN :ids").setParameter("until", leaseUntil).setParameter("token", token)
                    .setParameter("ids", chunk).executeUpdate();
        }
        return n;
    }

    /** Deletes DONE rows delivered before {@code before}. */
    public int purge(long before) {
        return entityManagers.get().createQuery("DELETE FROM OutboxRecord r WHERE r.status = :done AND r.nextAttempt < :before")
                .setParameter("done", Status.DONE).setParameter("before", before).executeUpdate();
    }

    // ------------------------------------------------------------------ admin

    public List<OutboxAdmin.DeadRow> dead(String queue, int limit) {
        TypedQuery<OutboxRecord> q = entityManagers.get().createQuery("SELECT r FROM OutboxRecord r WHERE r.status = :dead"
                + (queue != null ? " AND r.queue = :queue" : "") + " ORDER BY r.id", OutboxRecord.class)
                .setParameter("dead", Status.DEAD).setMaxResults(Math.max(1, limit));
        if (queue != null) {
            q.setParameter("queue", queue);
        }
        List<OutboxAdmin.DeadRow> out = new ArrayList<>();
        for (OutboxRecord r : q.getResultList()) {
            out.add(new OutboxAdmin.DeadRow(r.id(), r.queue(), r.attempts(), r.lastError(), r.created()));
        }
        return out;
    }

    public int replay(String id, String queue, long now) {
        return entityManagers.get().createQuery("UPDATE OutboxRecord r SET r.status = :pending, r.attempts = 0,"
                + " r.nextAttempt = :now, r.leaseToken = NULL, r.leaseUntil = NULL WHERE r.status = :dead"
                + (id != null ? " AND r.id = :key" : " AND r.queue = :key"))
                .setParameter("pending", Status.PENDING).setParameter("dead", Status.DEAD).setParameter("now", now)
                .setParameter("key", id != null ? id : queue).executeUpdate();
    }

    public long count(Status status, String queue) {
        TypedQuery<Long> q = entityManagers.get().createQuery("SELECT COUNT(r) FROM OutboxRecord r WHERE r.status = :status"
                + (queue != null ? " AND r.queue = :queue" : ""), Long.class).setParameter("status", status);
        if (queue != null) {
            q.setParameter("queue", queue);
        }
        return q.getSingleResult();
    }

    static long now() {
        return Instant.now().toEpochMilli();
    }

    private static String bounded(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= OutboxRecord.LAST_ERROR_LENGTH ? error
                : error.substring(0, OutboxRecord.LAST_ERROR_LENGTH - 1) + "…";
    }

    /** IN lists of at most 500 (Oracle allows 1000). */
    private static List<List<String>> chunks(List<String> ids) {
        if (ids.size() <= 500) {
            return List.of(ids);
        }
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 500) {
            out.add(ids.subList(i, Math.min(ids.size(), i + 500)));
        }
        return out;
    }
}
