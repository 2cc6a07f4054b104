package dev.tributary.spi;

import java.util.concurrent.Callable;

/**
 * Runs work inside one JTA transaction. Provided as a CDI bean by a module that has JTA (the outbox); the
 * runtime uses it for a handler that consumes from one connector and publishes its result to a
 * {@link Capability#TRANSACTIONAL_PUBLISH} connector, so that the handler's own {@code @Transactional}
 * work and the result's write commit or roll back together.
 *
 * <p>Threading: {@link #required} runs {@code work} on the calling thread and blocks until the transaction
 * completed. It never begins a second transaction when one is active.
 */
public interface TransactionRunner {

    /**
     * Runs {@code work} in the caller's active transaction, or in a new one that is committed when
     * {@code work} returns and rolled back when it throws (the exception is rethrown unchanged; a failed
     * commit throws a coded {@link dev.tributary.TributaryException}).
     */
    <T> T required(Callable<T> work) throws Exception;
}
