package dev.tributary.outbox.internal;

import dev.tributary.PublishOptions;
import dev.tributary.Publisher;
import dev.tributary.Publishers;
import dev.tributary.TributaryException;
import dev.tributary.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * {@link Outbox} on top of the runtime's publish path ({@link Publishers}): the body goes through the same codec,
 * publish middlewares and headers as a broker publish, and the outbox connector's sender writes the row on this
 * thread, in the caller's transaction. Thread-safe.
 */
@ApplicationScoped
public class DefaultOutbox implements Outbox {
    /**
     * Channel names the outbox publishes on: prefixed so that configuration of an application channel with the same
     * name as a queue ({@code tributary.channels.orders.connector=kafka}) never redirects an outbox write.
     */
    static final String CHANNEL_PREFIX = "tributary-outbox:";

    @Inject
    Publishers publishers;
    @Inject
    RelayDirectory directory;
    @Inject
    OutboxWriter writer;

    @Override
    public String publish(Object body, String queue) {
        return publish(body, queue, PublishOptions.none());
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public String publish(Object body, String queue, PublishOptions options) {
        if (queue == null || queue.isBlank()) {
            throw new TributaryException("TRB-OBX008", "the outbox queue name is empty");
        }
        String connector = directory.connectorName();
        String id = RowIds.next();
        PublishOptions.Builder b = PublishOptions.builder().headers(options.headers())
                .correlationId(options.correlationId()).replyTo(options.replyTo()).key(options.key())
                .messageId(options.messageId()).address(queue);
        options.pathParams().forEach(b::pathParam);
        options.connectorOptions().forEach(b::option);
        b.option(OutboxWriter.ROW_ID, id);
        Class type = body == null ? Object.class : body.getClass();
        Publisher<Object> p = publishers.channel(CHANNEL_PREFIX + queue, connector, type);
        CompletableFuture<Void> f = p.publish(body, b.build()).toCompletableFuture();
        if (!f.isDone()) {
            throw new TributaryException("TRB-OBX006", "a publish middleware made the outbox write to '" + queue
                    + "' asynchronous; the row must be written on the caller's thread, inside its transaction."
                    + " Let aroundPublish call the next step synchronously for the outbox connector");
        }
        try {
            f.join();
        } catch (CompletionException e) {
            Throwable t = e.getCause();
            while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
                t = t.getCause();
            }
            if (t instanceof RuntimeException re) {
                throw re;
            }
            throw new TributaryException("TRB-OBX005", "writing to the outbox queue '" + queue + "' failed: " + t, t);
        }
        String written = writer.lastId();
        return written != null ? written : id;
    }
}
