package dev.tributary.cdi;

import dev.tributary.Response;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a handler's return value goes: every {@link dev.tributary.Outgoing} of the method and, when the
 * message has a reply address, the reply (echoing the request's correlation id). Immutable; called on the
 * worker thread or on the thread completing a returned {@code CompletionStage}.
 */
final class ResultRoute {
    private final PublishPath[] outgoings;
    private final String[] addresses;
    private final PublishPath reply;
    private final boolean propagateHeaders;

    ResultRoute(PublishPath[] outgoings, String[] addresses, PublishPath reply, boolean propagateHeaders) {
        this.outgoings = outgoings;
        this.addresses = addresses;
        this.reply = reply;
        this.propagateHeaders = propagateHeaders;
    }

    /** Publishes the result to the outgoings and the reply address; {@code null} when there was nothing to publish. */
    CompletionStage<Void> publish(Delivery d, Object result) {
        return publish(d, result, true, true);
    }

    /**
     * Publishes to the selected targets: {@code toOutgoings} the method's {@link dev.tributary.Outgoing}s,
     * {@code toReply} the message's reply address. {@code null} when there was nothing to publish.
     */
    CompletionStage<Void> publish(Delivery d, Object result, boolean toOutgoings, boolean toReply) {
        Object body = result;
        Map<String, String> headers = propagateHeaders ? d.headers() : Map.of();
        String correlationId = null;
        String key = null;
        if (result instanceof Response<?> r) {
            key = r.key();
            body = r.body();
            if (propagateHeaders && !r.headers().isEmpty()) {
                Map<String, String> merged = new java.util.LinkedHashMap<>(headers);
                merged.putAll(r.headers());
                headers = merged;
            } else if (!propagateHeaders) {
                headers = r.headers();
            }
            correlationId = r.correlationId();
        }
        String cid = correlationId != null ? correlationId : d.correlationId();
        boolean generated = correlationId == null && d.correlationIdGenerated();
        String replyTo = toReply ? d.replyTo() : null;
        int n = (body != null && toOutgoings ? outgoings.length : 0) + (replyTo != null && reply != null ? 1 : 0);
        if (n == 0) {
            return null;
        }
        CompletableFuture<?>[] all = n == 1 ? null : new CompletableFuture<?>[n];
        CompletionStage<Void> single = null;
        int i = 0;
        if (body != null && toOutgoings) {
            for (int k = 0; k < outgoings.length; k++) {
                CompletionStage<Void> s = outgoings[k].send(addresses[k], body, headers, cid, generated, null, key, null, Map.of());
                if (all == null) {
                    single = s;
                } else {
                    all[i++] = s.toCompletableFuture();
                }
            }
        }
        if (replyTo != null && reply != null) {
            CompletionStage<Void> s = reply.send(replyTo, body, headers, cid, false, null, null, null, Map.of());
            if (all == null) {
                single = s;
            } else {
                all[i] = s.toCompletableFuture();
            }
        }
        return all == null ? single : CompletableFuture.allOf(all);
    }
}
