package dev.tributary.mqtt;

import dev.tributary.RequestTimeoutException;
import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.OutboundMessage;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Request/reply. On 5.0 a request carries Response Topic and Correlation Data (the correlation id as UTF-8); replies
 * come to one reply topic per connector ({@code <reply-topic-prefix>/<random id>}, subscribed on first use) or to
 * the request's own reply address, and are matched to their request by exact correlation id, so many requests can
 * be in flight. On 3.1.1, which has neither property, a request needs an explicit, agreed reply topic, and the
 * first message there is its reply: one request per reply topic at a time. Requests leave the table on reply,
 * timeout (the runtime's scheduler, {@link RequestTimeoutException}) or close: nothing leaks. Thread-safe.
 */
final class MqttRequests {

    private static final System.Logger LOG = System.getLogger(MqttRequests.class.getName());

    private static final class Pending {
        final String key;
        final CompletableFuture<InboundMessage> reply = new CompletableFuture<>();
        final String address;
        volatile ScheduledFuture<?> timer;

        Pending(String key, String address) {
            this.key = key;
            this.address = address;
        }
    }

    private final MqttConnector connector;
    private final boolean v5;
    final String replyTopic;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<Void>> replySubscriptions = new ConcurrentHashMap<>();

    MqttRequests(MqttConnector connector) {
        this.connector = connector;
        this.v5 = connector.config().isV5();
        this.replyTopic = connector.config().replyTopicPrefix() + "/" + UUID.randomUUID();
    }

    CompletableFuture<InboundMessage> request(OutboundMessage request, Duration timeout, MqttSender sender) {
        String replyTo = request.replyTo();
        if (!v5 && replyTo == null) {
            return CompletableFuture.failedFuture(MqttErrors.requestNeedsReplyTopic(request.address()));
        }
        if (replyTo == null) {
            replyTo = replyTopic;
        }
        String correlationId = request.correlationId() != null ? request.correlationId() : UUID.randomUUID().toString();
        String key = v5 ? correlationId : replyTo;
        Pending p = new Pending(key, request.address());
        if (pending.putIfAbsent(key, p) != null) {
            return CompletableFuture.failedFuture(v5 ? MqttErrors.duplicateCorrelationId(correlationId)
                    : MqttErrors.replyTopicBusy(replyTo));
        }
        p.timer = connector.scheduler().schedule(() -> fail(p, new RequestTimeoutException(request.address(), timeout)),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        OutboundMessage out = new OutboundMessage(request.address(), request.body(), request.contentType(), correlationId,
                replyTo, request.messageId(), request.key(), request.headers(), request.options());
        MqttLink.MqttOutgoing outgoing;
        try {
            outgoing = sender.outgoing(out);
        } catch (RuntimeException e) {
            fail(p, e);
            return p.reply;
        }
        subscribeReplies(replyTo).thenCompose(v -> connector.publish(outgoing)).whenComplete((v, t) -> {
            if (t != null) {
                fail(p, MqttConnector.unwrap(t));
            }
        });
        return p.reply;
    }

    private CompletableFuture<Void> subscribeReplies(String topic) {
        CompletableFuture<Void> f = replySubscriptions.computeIfAbsent(topic,
                t -> connector.link().subscribe(t, 1, false, false, false, this::onReply)); // acknowledged on receipt by the client
        f.whenComplete((v, t) -> {
            if (t != null) {
                replySubscriptions.remove(topic, f); // try again with the next request
            }
        });
        return f;
    }

    private void onReply(MqttInbound m) {
        m.ack(); // nothing to do: the client acknowledged it (the subscription does not acknowledge manually)
        String key = v5 ? m.correlationId() : m.address();
        Pending p = key == null ? null : pending.get(key);
        if (p == null || !forget(p)) {
            LOG.log(System.Logger.Level.DEBUG, () -> "TRB-MQT024 a reply on '" + m.address() + "' matches no waiting"
                    + " request (correlation id " + m.correlationId() + "); dropped");
            return;
        }
        p.reply.complete(m);
    }

    private void fail(Pending p, Throwable t) {
        if (forget(p)) {
            p.reply.completeExceptionally(t);
        }
    }

    private boolean forget(Pending p) {
        if (!pending.remove(p.key, p)) {
            return false;
        }
        ScheduledFuture<?> timer = p.timer;
        if (timer != null) {
            timer.cancel(false);
        }
        return true;
    }

    void failAll(Function<String, Throwable> failure) {
        for (Pending p : pending.values()) {
            fail(p, failure.apply(p.address));
        }
    }

    /** Requests still waiting (tests: nothing leaks). */
    int size() {
        return pending.size();
    }

    Map<String, CompletableFuture<Void>> replySubscriptions() {
        return replySubscriptions;
    }
}
