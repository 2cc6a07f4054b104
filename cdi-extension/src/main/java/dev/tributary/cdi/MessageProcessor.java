package dev.tributary.cdi;

import dev.tributary.AckMessage;
import dev.tributary.AckPolicy;
import dev.tributary.NackMessage;
import dev.tributary.SettleMessage;
import dev.tributary.spi.AddressTemplate;
import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.InvocationListener;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Processes one message of a subscription: acknowledgement policy, handler choice (filters), decoding,
 * invocation with the CDI request context active, result publishing, settlement and coded error logs.
 * Immutable; called on a lane's worker thread; never throws, so a failing message never stops a lane.
 */
final class MessageProcessor {
    static final System.Logger LOG = System.getLogger("dev.tributary.cdi");

    final String channel;
    final AddressTemplate template;
    final AckPolicy policy;
    private final Handler[] handlers;
    private final InvocationListener[] listeners;

    MessageProcessor(String channel, AddressTemplate template, AckPolicy policy, Handler[] handlers,
            InvocationListener[] listeners) {
        this.channel = channel;
        this.template = template;
        this.policy = policy;
        this.handlers = handlers;
        this.listeners = listeners;
    }

    void process(InboundMessage in, Delivery.SettleListener settle, RequestScope requestContext) {
        Delivery d = new Delivery(in, settle, template);
        try {
            if (policy == AckPolicy.ACK_FIRST) {
                d.ack();
            }
            Handler h = choose(d);
            if (h == null) {
                LOG.log(Level.WARNING, () -> "TRB-RUN022 no handler of subscription '" + channel + "' matched a message on '"
                        + in.address() + "' (no filter matched and no fallback handler); it takes the " + policy
                        + " error path. Fix: add a handler without @Filter as fallback");
                errorOutcome(d);
                return;
            }
            d.useDecoder(h.decoder);
            Object body = null;
            if (in instanceof BatchInbound batch) {
                body = batch.decode(h.decoder, policy, channel, h.describe());
                d.decoded(body);
                if (batch.size() == 0) {
                    return; // every member failed to decode and was settled on its own
                }
            } else if (h.decoder != null) {
                try {
                    body = d.body();
                } catch (RuntimeException e) {
                    decodeFailed(d, h, e);
                    return;
                }
            }
            Object result;
            boolean activated = requestContext != null && requestContext.begin();
            try {
                result = h.transaction == null ? h.call(d) : callInTransaction(d, h);
            } catch (Throwable t) {
                notifyListeners(h, in, body, t);
                failed(d, h, t);
                return;
            } finally {
                if (activated) {
                    requestContext.end();
                }
            }
            if (result instanceof CompletionStage<?> stage && h.transaction == null) {
                Object b = body;
                stage.whenComplete((v, t) -> {
                    if (t != null) {
                        notifyListeners(h, in, b, unwrap(t));
                        failed(d, h, t);
                    } else {
                        completed(d, h, b, v);
                    }
                });
            } else {
                completed(d, h, body, result);
            }
        } catch (Throwable unexpected) {
            LOG.log(Level.ERROR, "TRB-RUN029 unexpected failure processing a message of '" + channel + "'", unexpected);
            errorOutcome(d);
        }
    }

    private Handler choose(Delivery d) {
        Handler[] hs = handlers;
        if (hs.length == 1 && hs[0].filter == null) {
            return hs[0];
        }
        for (Handler h : hs) {
            if (h.filter == null) {
                return h;
            }
            d.useDecoder(h.decoder);
            if (h.filter.test(d)) {
                return h;
            }
        }
        return null;
    }

    private void completed(Delivery d, Handler h, Object body, Object result) {
        notifyListeners(h, d.in, body, null);
        // a transactional handler's outgoings were written in its transaction; only the reply is left
        CompletionStage<Void> published = h.results == null ? null
                : h.results.publish(d, result, h.transaction == null, true);
        if (published == null) {
            success(d);
        } else {
            published.whenComplete((v, t) -> {
                if (t == null) {
                    success(d);
                } else {
                    failed(d, h, t);
                }
            });
        }
    }

    /**
     * Calls the handler and writes its result to the transactional outgoings (an outbox) inside one JTA
     * transaction: the handler's {@code @Transactional} work joins it, and a failed write rolls everything back.
     */
    private static Object callInTransaction(Delivery d, Handler h) throws Throwable {
        try {
            return h.transaction.required(() -> {
                Object v;
                try {
                    v = h.call(d);
                } catch (Exception e) {
                    throw e;
                } catch (Throwable t) {
                    throw new CompletionException(t);
                }
                CompletionStage<Void> written = h.results == null ? null : h.results.publish(d, v, true, false);
                if (written != null) {
                    written.toCompletableFuture().join();
                }
                return v;
            });
        } catch (CompletionException e) {
            throw e.getCause() != null ? e.getCause() : e;
        }
    }

    private void success(Delivery d) {
        switch (policy) {
            case ACK, REJECT_ON_ERROR, NACK_ON_ERROR, INHERIT -> d.ack();
            default -> { }
        }
    }

    private void failed(Delivery d, Handler h, Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof SettleMessage s) {
            if (s instanceof AckMessage) {
                d.ack();
            } else if (s instanceof NackMessage) {
                d.nack();
            } else {
                d.reject();
            }
            return;
        }
        LOG.log(Level.WARNING, "TRB-RUN021 handler " + h.describe() + " failed on a message of subscription '" + channel
                + "' from '" + d.address() + "'; it takes the " + policy + " error path: " + t, t);
        errorOutcome(d);
    }

    private void decodeFailed(Delivery d, Handler h, RuntimeException e) {
        LOG.log(Level.WARNING, () -> "TRB-RUN020 cannot decode a message of subscription '" + channel + "' from '"
                + d.address() + "' (content type " + d.contentType() + ", " + d.rawBody().length + " bytes) for "
                + h.describe() + ": " + e.getMessage());
        notifyListeners(h, d.in, null, e);
        if (policy == AckPolicy.ACK || policy == AckPolicy.ACK_FIRST) {
            d.ack();
        } else {
            d.reject();
        }
    }

    private void errorOutcome(Delivery d) {
        switch (policy) {
            case ACK -> d.ack();
            case NACK_ON_ERROR -> d.nack();
            case ACK_FIRST -> { }
            default -> d.reject();
        }
    }

    private void notifyListeners(Handler h, InboundMessage in, Object body, Throwable failure) {
        for (InvocationListener l : listeners) {
            try {
                l.invoked(h.beanClass, h.method, channel, in, body, failure);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "TRB-RUN025 an InvocationListener failed", e);
            }
        }
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
