package dev.tributary.cdi;

import dev.tributary.Codec;
import dev.tributary.EncodedBody;
import dev.tributary.Middleware;
import dev.tributary.spi.Connector;
import dev.tributary.spi.DestinationSpec;
import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.OutboundMessage;
import dev.tributary.spi.Sender;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The way out to one destination: encoder (built once), the middlewares' {@code aroundPublish} chain and
 * the connector's {@link Sender} (created on first use, then shared). Thread-safe; publishing never blocks.
 */
final class PublishPath {
    final Connector connector;
    final DestinationSpec spec;
    final Codec.Encoder encoder;
    private final Middleware[] middlewares;
    private volatile Sender sender;

    PublishPath(Connector connector, DestinationSpec spec, Codec.Encoder encoder, Middleware[] middlewares) {
        this.connector = connector;
        this.spec = spec;
        this.encoder = encoder;
        this.middlewares = middlewares;
    }

    private Sender sender() {
        Sender s = sender;
        if (s == null) {
            synchronized (this) {
                s = sender;
                if (s == null) {
                    s = connector.sender(spec);
                    sender = s;
                }
            }
        }
        return s;
    }

    /**
     * Encodes and sends; the stage completes when the broker accepted the message. Never throws. A {@code null}
     * correlation id gets a fresh one, marked {@linkplain OutboundMessage#correlationIdGenerated() generated}.
     */
    CompletionStage<Void> send(String address, Object body, Map<String, String> headers, String correlationId,
            String replyTo, String key, String messageId, Map<String, Object> options) {
        return send(address, body, headers, correlationId, correlationId == null, replyTo, key, messageId, options);
    }

    /** As {@link #send(String, Object, Map, String, String, String, String, Map)}, saying whether the id was made up. */
    CompletionStage<Void> send(String address, Object body, Map<String, String> headers, String correlationId,
            boolean generated, String replyTo, String key, String messageId, Map<String, Object> options) {
        try {
            String cid = correlationId != null ? correlationId : CorrelationIds.next();
            if (middlewares.length == 0) {
                return sendEncoded(address, body, headers, cid, generated, replyTo, key, messageId, options);
            }
            Outbound out = new Outbound(address, body, new LinkedHashMap<>(headers), cid);
            // a middleware that set another id made it meaningful: only the untouched generated one stays "generated"
            return step(0, out, o -> sendEncoded(o.address(), o.body(), o.headers(), o.correlationId(),
                    generated && o.correlationId() == cid, replyTo, key, messageId, options));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Sends a request through the connector's request/reply; completes with the reply message. */
    CompletionStage<InboundMessage> request(String address, Object body, Map<String, String> headers,
            String correlationId, String replyTo, String key, String messageId, Map<String, Object> options,
            Duration timeout) {
        try {
            CompletableFuture<InboundMessage> reply = new CompletableFuture<>();
            Outbound out = new Outbound(address, body, middlewares.length == 0 ? headers : new LinkedHashMap<>(headers),
                    correlationId);
            CompletionStage<Void> sent = step(0, out, o -> {
                EncodedBody e = encoder.encode(o.body());
                OutboundMessage m = new OutboundMessage(o.address(), e.bytes(), e.contentType(), o.correlationId(), replyTo,
                        messageId, key, o.headers(), options);
                CompletionStage<InboundMessage> r = connector.request(m, timeout);
                r.whenComplete((v, t) -> {
                    if (t != null) {
                        reply.completeExceptionally(t);
                    } else {
                        reply.complete(v);
                    }
                });
                return r.thenApply(v -> (Void) null);
            });
            sent.whenComplete((v, t) -> {
                if (t != null) {
                    reply.completeExceptionally(t);
                }
            });
            return reply;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<Void> sendEncoded(String address, Object body, Map<String, String> headers,
            String correlationId, boolean generated, String replyTo, String key, String messageId,
            Map<String, Object> options) {
        EncodedBody e = encoder.encode(body);
        return sender().send(new OutboundMessage(address, e.bytes(), e.contentType(), correlationId, replyTo,
                messageId, key, headers, options, generated));
    }

    private CompletionStage<Void> step(int i, Outbound out, Middleware.PublishStep last) {
        if (i == middlewares.length) {
            return last.proceed(out);
        }
        return middlewares[i].aroundPublish(out, o -> step(i + 1, o instanceof Outbound ob ? ob
                : new Outbound(o.address(), o.body(), new LinkedHashMap<>(o.headers()), o.correlationId()), last));
    }

    /** A message on its way through the publish middlewares; headers are mutable. */
    static final class Outbound implements Middleware.Outbound {
        final String address;
        final Object body;
        final Map<String, String> headers;
        final String correlationId;

        Outbound(String address, Object body, Map<String, String> headers, String correlationId) {
            this.address = address;
            this.body = body;
            this.headers = headers;
            this.correlationId = correlationId;
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public Object body() {
            return body;
        }

        @Override
        public Map<String, String> headers() {
            return headers;
        }

        @Override
        public String correlationId() {
            return correlationId;
        }
    }
}
