package dev.tributary.cdi;

import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executors of a deployment: where handlers run (the container's {@code ManagedExecutorService} when
 * one is bound in JNDI, else virtual threads on JDK 21+, else a bounded thread pool) and a shared scheduler
 * for connectors' timers (the container's {@code ManagedScheduledExecutorService} inside a server).
 * Executors the runtime created are shut down by {@link #close()}; a container's executors never are.
 */
final class WorkerPool {
    private final Executor executor;
    private final ExecutorService owned;
    private final ScheduledExecutorService scheduler;
    private final ThreadFactory threadFactory;
    /** The timer the pool created ({@code null} when it is the container's). */
    private final ScheduledThreadPoolExecutor ownedScheduler;
    private final String kind;

    private WorkerPool(Executor executor, ExecutorService owned, String kind, ScheduledExecutorService containerTimer,
            ThreadFactory containerThreads) {
        this.executor = executor;
        this.threadFactory = containerThreads != null ? containerThreads : threads("tributary-connector");
        this.owned = owned;
        this.kind = kind;
        if (containerTimer != null) {
            this.scheduler = containerTimer;
            this.ownedScheduler = null;
        } else {
            ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1, threads("tributary-timer"));
            own.setRemoveOnCancelPolicy(true);
            this.scheduler = own;
            this.ownedScheduler = own;
        }
    }

    private WorkerPool(Executor executor, ExecutorService owned, String kind) {
        this(executor, owned, kind, null, null);
    }

    static WorkerPool create(RuntimeConfig config) {
        String choice = config.get("tributary.executor").orElse("auto").toLowerCase(java.util.Locale.ROOT);
        if (choice.equals("auto") || choice.equals("managed")) {
            Executor managed = lookup("java:comp/DefaultManagedExecutorService", Executor.class);
            if (managed != null) {
                return new WorkerPool(managed, null, "managed",
                        lookup("java:comp/DefaultManagedScheduledExecutorService", ScheduledExecutorService.class),
                        lookup("java:comp/DefaultManagedThreadFactory", ThreadFactory.class));
            }
        }
        if (choice.equals("auto") || choice.equals("virtual")) {
            ExecutorService virtual = virtualThreads();
            if (virtual != null) {
                return new WorkerPool(virtual, virtual, "virtual");
            }
        }
        int max = Integer.parseInt(config.get("tributary.executor.max-threads").orElse("64").trim());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(max, max, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threads("tributary-worker"));
        pool.allowCoreThreadTimeOut(true);
        return new WorkerPool(pool, pool, "pool");
    }

    /** A container resource from JNDI, or {@code null} outside a container. */
    private static <T> T lookup(String name, Class<T> type) {
        try {
            Object found = new javax.naming.InitialContext().lookup(name);
            return type.isInstance(found) ? type.cast(found) : null;
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    private static ExecutorService virtualThreads() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    Executor executor() {
        return executor;
    }

    /** Threads a connector keeps for its lifetime: the container's ManagedThreadFactory in a server, else daemons. */
    ThreadFactory threadFactory() {
        return threadFactory;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    String kind() {
        return kind;
    }

    void close() {
        if (ownedScheduler != null) {
            ownedScheduler.shutdownNow();
        }
        if (owned != null) {
            owned.shutdown();
            try {
                if (!owned.awaitTermination(2, TimeUnit.SECONDS)) {
                    owned.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                owned.shutdownNow();
            }
        }
        MessageProcessor.LOG.log(Level.DEBUG, "TRB-RUN005 executors closed");
    }
}
