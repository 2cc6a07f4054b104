package dev.tributary.spi;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the runtime gives a connector when creating it.
 */
public interface ConnectorContext {

    /** The connector's name (the configuration section). */
    String name();

    /** The connector's configuration section ({@code tributary.connectors.<name>.*}, prefix removed). */
    ConnectorConfig config();

    /**
     * A shared scheduler for timers (request timeouts, reconnect backoff, commit intervals). Tasks must be
     * short and non-blocking. Owned by the runtime: do not shut it down.
     */
    ScheduledExecutorService scheduler();

    /**
     * The runtime's executor for blocking work the connector needs off its I/O threads (the container's
     * managed executor inside a server). Owned by the runtime.
     */
    Executor executor();

    /**
     * Creates the threads a connector keeps for its lifetime (poll loops, reply consumers): the container's
     * {@code ManagedThreadFactory} inside a server (threads with the application's context, known to the
     * container), else daemon threads. Use it instead of {@code new Thread}; never run such a loop on
     * {@link #executor()} (it would hold a pooled thread for good). Threads it made must end by
     * {@link Connector#close}.
     */
    default java.util.concurrent.ThreadFactory threadFactory() {
        return r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        };
    }
}
