package dev.tributary.kafka;

import dev.tributary.RequestTimeoutException;
import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.OutboundMessage;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Request/reply over Kafka (FastStream has no Kafka requester; this one follows its responder conventions):
 * every request carries {@code reply_to} = this connector's reply topic and its {@code correlation_id}; a
 * responder produces the answer to that topic with the same {@code correlation_id}; a listener thread reads the
 * reply topic (partition 0, no group, from its end at start-up) and completes the waiting request. Many
 * requests may be in flight; each leaves the table on reply, timeout ({@code TRB-RUN031}, via the runtime's
 * scheduler) or close ({@code TRB-KAF007}). The reply topic (one partition) is created on the first request and,
 * when generated, deleted at close. Thread-safe.
 */
final class KafkaRequests implements Runnable {

    private static final System.Logger LOG = System.getLogger(KafkaRequests.class.getName());

    private record Pending(String correlationId, String address, CompletableFuture<InboundMessage> reply,
            ScheduledFuture<?>[] timer) {
    }

    private final KafkaConnector connector;
    private final String topic;
    private final boolean generated;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile boolean started;
    private volatile boolean closing;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    KafkaRequests(KafkaConnector connector) {
        this.connector = connector;
        String configured = connector.config().replyTopic();
        this.generated = configured == null;
        this.topic = generated ? "tributary-replies-" + UUID.randomUUID() : configured;
    }

    String topic() {
        return topic;
    }

    CompletionStage<InboundMessage> request(OutboundMessage request, Duration timeout) {
        Duration wait = timeout == null || timeout.isZero() || timeout.isNegative()
                ? connector.config().requestTimeout() : timeout;
        String cid = request.correlationId() != null ? request.correlationId() : UUID.randomUUID().toString();
        CompletableFuture<InboundMessage> reply = new CompletableFuture<>();
        Pending p = new Pending(cid, request.address(), reply, new ScheduledFuture<?>[1]);
        if (pending.putIfAbsent(cid, p) != null) {
            return CompletableFuture.failedFuture(KafkaErrors.duplicateCorrelationId(cid));
        }
        p.timer[0] = connector.scheduler().schedule(
                () -> fail(p, new RequestTimeoutException(request.address(), wait)), wait.toNanos(), TimeUnit.NANOSECONDS);
        reply.whenComplete((m, t) -> {
            ScheduledFuture<?> timer = p.timer[0];
            if (timer != null) {
                timer.cancel(false);
            }
        });
        ensureStarted();
        String replyTo = request.replyTo() != null ? request.replyTo() : topic;
        OutboundMessage out = new OutboundMessage(request.address(), request.body(), request.contentType(), cid, replyTo,
                request.messageId(), request.key(), request.headers(), request.options());
        // once the listener is ready, send on the caller's thread; before that, off the listener's thread (a send may
        // block while the producer fetches the topic's metadata)
        CompletionStage<Void> sent = ready.isDone() && !ready.isCompletedExceptionally() ? connector.sender().send(out)
                : ready.thenComposeAsync(v -> connector.sender().send(out), connector.executor());
        sent.whenComplete((v, t) -> {
            if (t != null) {
                fail(p, t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t);
            }
        });
        return reply;
    }

    private void fail(Pending p, Throwable failure) {
        if (pending.remove(p.correlationId, p)) {
            p.reply.completeExceptionally(failure);
        }
    }

    private synchronized void ensureStarted() {
        if (started) {
            return;
        }
        started = true;
        thread = connector.loopThread(this, "tributary-kafka-" + connector.name() + "-replies");
        thread.start();
    }

    @Override
    public void run() {
        TopicPartition tp = new TopicPartition(topic, 0);
        try {
            prepareTopic(tp);
            Map<String, Object> p = new java.util.LinkedHashMap<>(connector.config().commonClientProperties());
            p.putAll(connector.config().consumerProperties());
            p.remove(ConsumerConfig.GROUP_ID_CONFIG);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-" + connector.name() + "-replies");
            KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer = c;
            c.assign(List.of(tp));
            c.seekToEnd(List.of(tp));
            c.position(tp, connector.config().connectTimeout()); // resolved now: no reply can be missed
            ready.complete(null);
            while (!closing) {
                try {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(connector.config().pollTimeout())) {
                        KafkaDelivery d = new KafkaDelivery(r, null, null, true);
                        String cid = d.correlationId();
                        Pending waiting = cid == null ? null : pending.remove(cid);
                        if (waiting != null) {
                            waiting.reply.complete(d);
                        }
                    }
                } catch (WakeupException e) {
                    // closing
                } catch (org.apache.kafka.common.errors.RetriableException e) {
                    LOG.log(Level.DEBUG, () -> "reply poll failed, retrying: " + e);
                }
            }
        } catch (RuntimeException e) {
            if (!closing) {
                RuntimeException failure = KafkaErrors.replyTopicFailed(connector.name(), topic, e);
                ready.completeExceptionally(failure);
                LOG.log(Level.ERROR, failure.getMessage(), e);
            }
        } finally {
            KafkaConsumer<byte[], byte[]> c = consumer;
            if (c != null) {
                try {
                    c.close(Duration.ofSeconds(2));
                } catch (RuntimeException ignored) {
                    // closing anyway
                }
            }
            ready.completeExceptionally(KafkaErrors.closed(connector.name()));
        }
    }

    private void prepareTopic(TopicPartition tp) {
        Admin admin = connector.admin();
        long timeout = connector.config().connectTimeout().toMillis();
        try {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) -1))).all().get(timeout, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            // producing the instant a topic exists can wedge an idempotent producer: wait until offsets answer
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
            for (;;) {
                try {
                    admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get(timeout, TimeUnit.MILLISECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (System.nanoTime() - deadline > 0) {
                        throw e;
                    }
                    Thread.sleep(50); // the topic's leader is being elected; retry shortly (bounded by the deadline)
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KafkaErrors.replyTopicFailed(connector.name(), topic, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw KafkaErrors.replyTopicFailed(connector.name(), topic, e.getCause() != null ? e.getCause() : e);
        }
    }

    /** Fails every waiting request, stops the listener and deletes a generated reply topic (best effort). */
    void close() {
        closing = true;
        for (Pending p : pending.values()) {
            fail(p, KafkaErrors.requestAbandoned(connector.name(), p.address));
        }
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (generated) {
                try {
                    connector.admin().deleteTopics(List.of(topic)).all().get(2, TimeUnit.SECONDS);
                } catch (Exception e) {
                    LOG.log(Level.DEBUG, () -> "could not delete reply topic " + topic + ": " + e);
                }
            }
        }
    }

    /** Whether the reply listener could not start (a new one may be tried). */
    boolean failed() {
        return ready.isCompletedExceptionally() && !closing;
    }

    /** Requests still waiting (tests: no leak). */
    int waiting() {
        return pending.size();
    }
}
