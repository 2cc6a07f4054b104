package dev.tributary.kafka;

import static dev.tributary.kafka.KafkaTestKit.body;
import static dev.tributary.kafka.KafkaTestKit.message;
import static dev.tributary.kafka.KafkaTestKit.send;
import static dev.tributary.kafka.KafkaTestKit.spec;
import static dev.tributary.kafka.KafkaTestKit.text;
import static dev.tributary.kafka.KafkaTestKit.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tributary.AckPolicy;
import dev.tributary.RequestTimeoutException;
import dev.tributary.TributaryException;
import dev.tributary.spi.AddressSyntax;
import dev.tributary.spi.AddressTemplate;
import dev.tributary.spi.Capability;
import dev.tributary.spi.DestinationSpec;
import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.InboundSink;
import dev.tributary.spi.OutboundMessage;
import dev.tributary.spi.Sender;
import dev.tributary.spi.Subscription;
import dev.tributary.tck.brokers.Brokers;
import dev.tributary.tck.brokers.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The connector through its SPI, against the in-JVM KRaft broker shared by the test JVM. */
@ExtendWith(Brokers.class)
class KafkaConnectorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final List<KafkaTestKit> kits = new ArrayList<>();

    private KafkaTestKit kit(KafkaBroker broker, String... keyValues) {
        KafkaTestKit k = KafkaTestKit.on(broker, keyValues);
        kits.add(k);
        return k;
    }

    @AfterEach
    void close() {
        kits.forEach(KafkaTestKit::close);
    }

    @Test
    void capabilitiesAndHealth(KafkaBroker broker) {
        KafkaConnector c = kit(broker).connector();
        assertThat(c.capabilities()).contains(Capability.HEADERS, Capability.NACK_REDELIVERY, Capability.PAUSE,
                Capability.REQUEST_REPLY, Capability.REDELIVERY_AFTER_RESTART).doesNotContain(Capability.WILDCARDS,
                Capability.BATCH);
        assertThat(c.health().up()).as(c.health().detail()).isTrue();
        assertThat(c.metadataTypes()).containsExactly(KafkaMetadata.class);
    }

    @Test
    void roundTripKeepsBodyHeadersKeyAndMetadata(KafkaBroker broker) {
        String t = topic(broker, "roundtrip", 1);
        KafkaConnector c = kit(broker, "ordering", "key").connector();
        KafkaTestKit.Recorder sink = new KafkaTestKit.Recorder();
        c.subscribe(spec(t, AckPolicy.ACK), sink);

        send(c, new OutboundMessage(t, "hello".getBytes(StandardCharsets.UTF_8), "text/plain", "cid-1", "answers",
                null, "k1", Map.of("tenant", "acme", "ü", "ünï"), Map.of()));

        await().atMost(WAIT).until(() -> sink.messages.size() == 1);
        InboundMessage m = sink.messages.get(0);
        assertThat(body(m)).isEqualTo("hello");
        assertThat(m.contentType()).isEqualTo("text/plain");
        assertThat(m.correlationId()).isEqualTo("cid-1");
        assertThat(m.replyTo()).isEqualTo("answers");
        assertThat(m.headers()).isEqualTo(Map.of("tenant", "acme", "ü", "ünï"));
        assertThat(m.key()).isEqualTo("k1");
        assertThat(m.address()).isEqualTo(t);
        KafkaMetadata meta = (KafkaMetadata) m.metadata();
        assertThat(meta.topic()).isEqualTo(t);
        assertThat(meta.partition()).isZero();
        assertThat(meta.offset()).isZero();
        assertThat(meta.key()).isEqualTo("k1");
        assertThat(meta.headers()).containsEntry("correlation_id", "cid-1").containsEntry("tenant", "acme");
        assertThat(m.messageId()).isEqualTo("0-" + meta.timestampMillis());
    }

    @Test
    void orderingByPartitionIsTheDefaultOrderingKey(KafkaBroker broker) {
        String t = topic(broker, "order-partition", 1);
        KafkaConnector c = kit(broker).connector();
        KafkaTestKit.Recorder sink = new KafkaTestKit.Recorder();
        c.subscribe(spec(t, AckPolicy.ACK), sink);
        send(c, message(t, "a", "k1", Map.of()));
        send(c, message(t, "b", null, Map.of()));

        await().atMost(WAIT).until(() -> sink.messages.size() == 2);
        assertThat(sink.messages).extracting(InboundMessage::key).containsExactly(t + "-0", t + "-0");
        assertThat(((KafkaMetadata) sink.messages.get(0).metadata()).key()).isEqualTo("k1");
    }

    @Test
    void interopWithRawKafkaClients(KafkaBroker broker) throws Exception {
        String in = topic(broker, "interop-in", 1);
        String out = topic(broker, "interop-out", 1);
        KafkaConnector c = kit(broker).connector();
        KafkaTestKit.Recorder sink = new KafkaTestKit.Recorder();
        c.subscribe(spec(in, AckPolicy.ACK), sink);

        // a FastStream-style producer: JSON body, content-type, correlation_id, reply_to, a user header
        try (KafkaProducer<byte[], byte[]> raw = KafkaTestKit.rawProducer(broker)) {
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(in, "{\"id\":1}".getBytes(StandardCharsets.UTF_8));
            r.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            r.headers().add("correlation_id", "c-42".getBytes(StandardCharsets.UTF_8));
            r.headers().add("reply_to", "replies".getBytes(StandardCharsets.UTF_8));
            r.headers().add("x-user", "u".getBytes(StandardCharsets.UTF_8));
            raw.send(r).get(10, TimeUnit.SECONDS);
            // a plain producer: no headers at all
            raw.send(new ProducerRecord<>(in, new byte[] {1, 2, 3})).get(10, TimeUnit.SECONDS);
        }
        await().atMost(WAIT).until(() -> sink.messages.size() == 2);
        InboundMessage json = sink.messages.get(0);
        assertThat(json.contentType()).isEqualTo("application/json");
        assertThat(json.correlationId()).isEqualTo("c-42");
        assertThat(json.replyTo()).isEqualTo("replies");
        assertThat(json.headers()).isEqualTo(Map.of("x-user", "u"));
        InboundMessage plain = sink.messages.get(1);
        assertThat(plain.contentType()).isNull();
        assertThat(plain.correlationId()).isNull();
        assertThat(plain.body()).containsExactly(1, 2, 3);

        // what we publish: content-type when there is one (none for raw bytes: readers take absent and empty alike),
        // correlation_id always
        send(c, new OutboundMessage(out, new byte[] {9}, null, "c-1", null, null, null, Map.of("h", "v"), Map.of()));
        send(c, new OutboundMessage(out, "{}".getBytes(StandardCharsets.UTF_8), "application/json", "c-2", "back",
                null, null, Map.of(), Map.of()));
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTestKit.readAll(broker, out, 2);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).headers().lastHeader("content-type")).isNull();
        assertThat(header(records.get(0), "correlation_id")).isEqualTo("c-1");
        assertThat(header(records.get(0), "h")).isEqualTo("v");
        assertThat(records.get(0).headers().lastHeader("reply_to")).isNull();
        assertThat(header(records.get(1), "content-type")).isEqualTo("application/json");
        assertThat(header(records.get(1), "reply_to")).isEqualTo("back");
    }

    @Test
    void correlationIdModesDecideWhichRecordsCarryTheHeader(KafkaBroker broker) {
        String t = topic(broker, "cid-modes", 1);
        KafkaConnector c = kit(broker).connector();
        Sender auto = c.sender(destination("plain", t, Map.of()));
        Sender always = c.sender(destination("fs", t, Map.of("correlation-id", "always")));
        Sender omit = c.sender(destination("lean", t, Map.of("correlation-id", "OMIT")));
        // auto (the default): a made-up id stays off the wire, a given or inherited one and a request's are written
        publish(auto, t, 1, "made-up-1", null, true);
        publish(auto, t, 2, "given-2", null, false);
        publish(auto, t, 3, "made-up-3", "answers", true);
        // always: FastStream's habit, every record
        publish(always, t, 4, "made-up-4", null, true);
        // omit: only requests
        publish(omit, t, 5, "given-5", null, false);
        publish(omit, t, 6, "given-6", "answers", false);

        List<ConsumerRecord<byte[], byte[]>> records = KafkaTestKit.readAll(broker, t, 6);
        assertThat(records).hasSize(6);
        assertThat(records.get(0).headers().toArray()).as("no header at all: raw bytes, made-up id").isEmpty();
        assertThat(header(records.get(1), "correlation_id")).isEqualTo("given-2");
        assertThat(header(records.get(2), "correlation_id")).as("a request keeps it").isEqualTo("made-up-3");
        assertThat(header(records.get(2), "reply_to")).isEqualTo("answers");
        assertThat(header(records.get(3), "correlation_id")).isEqualTo("made-up-4");
        assertThat(records.get(4).headers().toArray()).as("omit drops even a given id").isEmpty();
        assertThat(header(records.get(5), "correlation_id")).isEqualTo("given-6");

        assertThat(c.sender(destination("x", t, Map.of("correlation-id", "auto")))).isSameAs(auto);
        assertThatThrownBy(() -> c.sender(destination("bad", t, Map.of("correlation-id", "sometimes"))))
                .isInstanceOf(TributaryException.class).hasMessageContaining("TRB-KAF006").hasMessageContaining("bad")
                .hasMessageContaining("auto, always or omit");
    }

    @Test
    void theConnectorWideCorrelationIdModeIsTheDefaultOfEveryChannel(KafkaBroker broker) {
        String t = topic(broker, "cid-connector", 1);
        KafkaConnector c = kit(broker, "correlation-id", "always").connector();
        publish(c.sender(destination("plain", t, Map.of())), t, 1, "made-up-1", null, true);
        publish(c.sender(destination("lean", t, Map.of("correlation-id", "auto"))), t, 2, "made-up-2", null, true);
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTestKit.readAll(broker, t, 2);
        assertThat(header(records.get(0), "correlation_id")).isEqualTo("made-up-1");
        assertThat(records.get(1).headers().toArray()).as("the channel's option wins").isEmpty();
        assertThatThrownBy(() -> KafkaConfig.from(new dev.tributary.spi.ConnectorConfig("kafka",
                Map.of("correlation-id", "often"))))
                .isInstanceOf(TributaryException.class).hasMessageContaining("correlation-id")
                .hasMessageContaining("often");
    }

    private static void publish(Sender s, String topic, int body, String cid, String replyTo, boolean generated) {
        s.send(new OutboundMessage(topic, new byte[] {(byte) body}, null, cid, replyTo, null, null, Map.of(), Map.of(),
                generated)).toCompletableFuture().join();
    }

    private static DestinationSpec destination(String channel, String topic, Map<String, String> options) {
        return new DestinationSpec(channel, AddressTemplate.parse(topic, AddressSyntax.KAFKA), options, List.of());
    }

    @Test
    void ackFirstCommitsWhatWasHandedToTheRuntimeWithoutWaitingForSettlement(KafkaBroker broker) throws Exception {
        String t = topic(broker, "ack-first", 1);
        String group = "g-" + t;
        KafkaConnector c = kit(broker).connector();
        KafkaTestKit.Recorder a = new KafkaTestKit.Recorder(); // settles nothing
        Subscription s = c.subscribe(spec(t, AckPolicy.ACK_FIRST, "group", group), a);
        for (int i = 0; i < 5; i++) {
            send(c, text(t, "m" + i));
        }
        await().atMost(WAIT).until(() -> a.messages.size() == 5);
        // under the other policies nothing unsettled is committed (commitsTheHighestContiguousAckedOffset); the
        // runtime acks ACK_FIRST messages before their handler runs, so handed over = processed
        await().atMost(WAIT).until(() -> KafkaTestKit.committed(broker, group, t) == 5);
        s.stop().toCompletableFuture().join();

        KafkaTestKit.Recorder b = new KafkaTestKit.Recorder();
        kit(broker).connector().subscribe(spec(t, AckPolicy.ACK_FIRST, "group", group), b);
        send(c, text(t, "m5"));
        await().atMost(WAIT).until(() -> b.messages.size() >= 1);
        assertThat(b.bodies()).containsExactly("m5");
        await().atMost(WAIT).until(() -> KafkaTestKit.committed(broker, group, t) == 6);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void commitsTheHighestContiguousAckedOffset(KafkaBroker broker) throws Exception {
        String t = topic(broker, "contiguous", 1);
        KafkaConnector c = kit(broker).connector();
        KafkaTestKit.Recorder sink = new KafkaTestKit.Recorder();
        c.subscribe(spec(t, AckPolicy.MANUAL, "group", "g-" + t), sink);
        for (int i = 0; i < 5; i++) {
            send(c, text(t, "m" + i));
        }
        await().atMost(WAIT).until(() -> sink.messages.size() == 5);
        List<InboundMessage> m = sink.messages;

        m.get(1).ack();
        m.get(3).ack();
        m.get(4).ack();
        // 0 is still being handled: nothing past it may be committed, however long we wait
        await().during(Duration.ofMillis(500)).atMost(WAIT)
                .until(() -> KafkaTestKit.committed(broker, "g-" + t, t) <= 0);

        m.get(0).ack();
        await().atMost(WAIT).until(() -> KafkaTestKit.committed(broker, "g-" + t, t) == 2);

        m.get(2).ack();
        await().atMost(WAIT).until(() -> KafkaTestKit.committed(broker, "g-" + t, t) == 5);
    }

    @Test
    void nackSeeksBackAndRedeliversFromTheNackedRecord(KafkaBroker broker) {
        String t = topic(broker, "nack", 1);
        KafkaConnector c = kit(broker).connector();
        Set<String> nackedOnce = new HashSet<>();
        KafkaTestKit.Recorder sink = new KafkaTestKit.Recorder(m -> {
            // settle off the poll thread, as the runtime's workers do
            CompletableFuture.runAsync(() -> {
                if (body(m).equals("m1") && nackedOnce.add("m1")) {
                    m.nack();
                } else {
                    m.ack();
                }
            });
        });
        c.subscribe(spec(t, AckPolicy.MANUAL), sink);
        for (int i = 0; i < 3; i++) {
            send(c, text(t, "m" + i));
        }

        await().atMost(WAIT).until(() -> sink.count("m1") == 2 && sink.count("m2") >= 1);
        assertThat(sink.count("m0")).as("before the nacked record: not redelivered").isEqualTo(1);
        List<String> bodies = sink.bodies();
        int redelivery = bodies.lastIndexOf("m1");
        assertThat(bodies.subList(redelivery, bodies.size())).as("after the seek, in offset order").startsWith("m1");
        await().atMost(WAIT).until(() -> {
            List<String> b = sink.bodies();
            return b.lastIndexOf("m2") > b.lastIndexOf("m1");
        });
    }

    @Test
    void rejectCommitsAndDeadLettersWithProvenanceHeaders(KafkaBroker broker) throws Exception {
        String t = topic(broker, "reject", 1);
        String dlq = topic(broker, "reject-dlq", 1);
        KafkaConnector c = kit(broker).connector();
        KafkaTestKit.Recorder sink = new KafkaTestKit.Recorder(m -> {
            if (body(m).equals("bad")) {
                m.reject();
            } else {
                m.ack();
            }
        });
        c.subscribe(spec(t, AckPolicy.MANUAL, "group", "g-" + t, "dead-letter", dlq), sink);
        send(c, message(t, "bad", "k", Map.of("tenant", "acme")));
        send(c, text(t, "good"));

        List<ConsumerRecord<byte[], byte[]>> dead = KafkaTestKit.readAll(broker, dlq, 1);
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> d = dead.get(0);
        assertThat(new String(d.value(), StandardCharsets.UTF_8)).isEqualTo("bad");
        assertThat(new String(d.key(), StandardCharsets.UTF_8)).isEqualTo("k");
        assertThat(header(d, "dlq-topic")).isEqualTo(t);
        assertThat(header(d, "dlq-partition")).isEqualTo("0");
        assertThat(header(d, "dlq-offset")).isEqualTo("0");
        assertThat(header(d, "dlq-reason")).contains("rejected");
        assertThat(header(d, "tenant")).isEqualTo("acme");
        assertThat(header(d, "content-type")).isEqualTo("text/plain");
        await().atMost(WAIT).until(() -> KafkaTestKit.committed(broker, "g-" + t, t) == 2);
        assertThat(sink.count("bad")).isEqualTo(1);
    }

    @Test
    void aCrashedConsumersUnackedRecordsComeBackToTheGroup(KafkaBroker broker) throws Exception {
        String t = topic(broker, "crash", 1);
        String group = "g-" + t;
        KafkaConnector first = kit(broker).connector();
        KafkaTestKit.Recorder a = new KafkaTestKit.Recorder(m -> {
            if (body(m).equals("m0") || body(m).equals("m1")) {
                m.ack();
            }
        });
        KafkaSubscription s = (KafkaSubscription) first.subscribe(
                spec(t, AckPolicy.MANUAL, "group", group, "kafka.max.poll.interval.ms", "2000"), a);
        for (int i = 0; i < 5; i++) {
            send(first, text(t, "m" + i));
        }
        await().atMost(WAIT).until(() -> a.messages.size() == 5);
        await().atMost(WAIT).until(() -> KafkaTestKit.committed(broker, group, t) == 2);

        s.simulateCrash(); // no commit, no close: the group finds out by itself

        KafkaConnector second = kit(broker).connector();
        KafkaTestKit.Recorder b = new KafkaTestKit.Recorder(InboundMessage::ack);
        second.subscribe(spec(t, AckPolicy.MANUAL, "group", group), b);
        await().atMost(Duration.ofSeconds(40)).until(() -> b.messages.size() >= 3);
        assertThat(b.bodies()).containsExactly("m2", "m3", "m4");
    }

    @Test
    void twoMembersOfAGroupLoseNothingWhenOneStopsMidStream(KafkaBroker broker) {
        String t = topic(broker, "rebalance", 4);
        String group = "g-" + t;
        KafkaConnector c1 = kit(broker).connector();
        KafkaConnector c2 = kit(broker).connector();
        Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        KafkaTestKit.Recorder a = new KafkaTestKit.Recorder(m -> {
            seen.add(body(m));
            m.ack();
        });
        KafkaTestKit.Recorder b = new KafkaTestKit.Recorder(m -> {
            seen.add(body(m));
            m.ack();
        });
        Subscription sa = c1.subscribe(spec(t, AckPolicy.MANUAL, "group", group), a);
        c2.subscribe(spec(t, AckPolicy.MANUAL, "group", group), b);
        await().atMost(WAIT).until(() -> c1.health().detail().contains("1 subscriptions")
                && c2.health().detail().contains("1 subscriptions") && partitions(c1) + partitions(c2) == 4
                && partitions(c1) > 0 && partitions(c2) > 0);

        int n = 400;
        for (int i = 0; i < n / 2; i++) {
            c2.sender(null).send(message(t, "m" + i, "key" + i, Map.of()));
        }
        await().atMost(WAIT).until(() -> a.messages.size() > 0 && seen.size() >= n / 4);
        sa.stop().toCompletableFuture().join();
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = n / 2; i < n; i++) {
            sent.add(c2.sender(null).send(message(t, "m" + i, "key" + i, Map.of())).toCompletableFuture());
        }
        CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])).join();

        await().atMost(Duration.ofSeconds(40)).until(() -> seen.size() == n);
        assertThat(partitions(c2)).isEqualTo(4);
    }

    private static int partitions(KafkaConnector c) {
        String d = c.health().detail();
        int end = d.indexOf(" partitions assigned");
        int start = d.lastIndexOf(' ', end - 1);
        return end < 0 ? 0 : Integer.parseInt(d.substring(start + 1, end));
    }

    @Test
    void pauseIsExactAndResumeDeliversTheRest(KafkaBroker broker) {
        String t = topic(broker, "pause", 1);
        KafkaConnector c = kit(broker, "consumer.max.poll.records", "50").connector();
        Subscription[] sub = new Subscription[1];
        KafkaTestKit.Recorder sink = new KafkaTestKit.Recorder(m -> {
            m.ack();
            if (body(m).equals("m9")) {
                sub[0].pause(); // from inside onMessage, as the runtime does at its in-flight bound
            }
        });
        for (int i = 0; i < 100; i++) {
            c.sender(null).send(text(t, "m" + i));
        }
        send(c, text(t, "m100"));
        sub[0] = c.subscribe(spec(t, AckPolicy.MANUAL), sink);

        await().atMost(WAIT).until(() -> sink.messages.size() >= 10);
        await().during(Duration.ofMillis(700)).atMost(WAIT).until(() -> sink.messages.size() == 10);

        sub[0].resume();
        await().atMost(WAIT).until(() -> sink.messages.size() >= 60);
        sub[0].pause(); // from another thread
        int atPause = sink.messages.size();
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> sink.messages.size() == atPause);
        sub[0].resume();
        await().atMost(WAIT).until(() -> sink.messages.size() == 101);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            expected.add("m" + i);
        }
        assertThat(sink.bodies()).containsExactlyElementsOf(expected);
    }

    @Test
    void recordsGoToTheSinkInBatchesSizedByItsRoom(KafkaBroker broker) {
        String t = topic(broker, "batches", 1);
        KafkaConnector c = kit(broker, "consumer.max.poll.records", "100").connector();
        int bound = 30;
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger highWater = new java.util.concurrent.atomic.AtomicInteger();
        List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        Subscription[] sub = new Subscription[1];
        java.util.concurrent.ExecutorService settler = java.util.concurrent.Executors.newSingleThreadExecutor();
        InboundSink sink = new InboundSink() {
            @Override
            public void onMessage(InboundMessage m) {
                onMessages(List.of(m));
            }

            @Override
            public void onMessages(List<? extends InboundMessage> messages) {
                batchSizes.add(messages.size());
                highWater.accumulateAndGet(inFlight.addAndGet(messages.size()), Math::max);
                for (InboundMessage m : messages) {
                    bodies.add(body(m));
                }
                if (inFlight.get() >= bound) {
                    sub[0].pause(); // as the runtime does, once the batch is taken
                }
                settler.execute(() -> {
                    for (InboundMessage m : messages) {
                        m.ack();
                    }
                    if (inFlight.addAndGet(-messages.size()) <= bound / 2) {
                        sub[0].resume();
                    }
                });
            }

            @Override
            public int room() {
                return Math.max(0, bound - inFlight.get());
            }

            @Override
            public void onFailure(Throwable failure) {
            }
        };
        try {
            for (int i = 0; i < 499; i++) {
                c.sender(null).send(text(t, "m" + i));
            }
            send(c, text(t, "m499"));
            sub[0] = c.subscribe(spec(t, AckPolicy.MANUAL), sink);
            await().atMost(WAIT).until(() -> bodies.size() == 500);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                expected.add("m" + i);
            }
            assertThat(bodies).containsExactlyElementsOf(expected);
            assertThat(highWater.get()).as("in flight never above the bound").isLessThanOrEqualTo(bound);
            assertThat(batchSizes).as("batches, not one record per call").anyMatch(n -> n > 1);
            assertThat(batchSizes).allMatch(n -> n <= bound);
        } finally {
            settler.shutdownNow();
        }
    }

    @Test
    void requestReplyMatchesCorrelationIdsWithManyInFlight(KafkaBroker broker) throws Exception {
        String svc = topic(broker, "svc", 1);
        KafkaConnector responder = kit(broker).connector();
        responder.subscribe(spec(svc, AckPolicy.MANUAL), new KafkaTestKit.Recorder(m -> {
            OutboundMessage reply = new OutboundMessage(m.replyTo(), ("re:" + body(m)).getBytes(StandardCharsets.UTF_8),
                    "text/plain", m.correlationId(), null, null, null, Map.of(), Map.of());
            responder.sender(null).send(reply);
            m.ack();
        }));
        KafkaConnector requester = kit(broker).connector();

        List<CompletableFuture<InboundMessage>> replies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            replies.add(requester.request(new OutboundMessage(svc, ("q" + i).getBytes(StandardCharsets.UTF_8),
                    "text/plain", "cid-" + i, null, null, null, Map.of(), Map.of()), Duration.ofSeconds(20))
                    .toCompletableFuture());
        }
        for (int i = 0; i < 20; i++) {
            InboundMessage r = replies.get(i).get(30, TimeUnit.SECONDS);
            assertThat(body(r)).isEqualTo("re:q" + i);
            assertThat(r.correlationId()).isEqualTo("cid-" + i);
        }
    }

    @Test
    void aRequestNobodyAnswersTimesOut(KafkaBroker broker) {
        String nobody = topic(broker, "nobody", 1);
        KafkaConnector c = kit(broker).connector();
        CompletableFuture<InboundMessage> r = c.request(text(nobody, "hello?"), Duration.ofMillis(1500))
                .toCompletableFuture();
        Throwable failure = r.handle((v, t) -> t).join();
        assertThat(failure).isInstanceOf(RequestTimeoutException.class).hasMessageContaining("TRB-RUN031");
    }

    @Test
    void aPublishToAMissingTopicFailsWithinThePublishTimeout(KafkaBroker broker) {
        KafkaConnector c = kit(broker, "publish.timeout", "1500ms").connector();
        long start = System.nanoTime();
        Throwable failure = c.sender(null).send(text("no-such-topic-" + System.nanoTime(), "x")).toCompletableFuture()
                .handle((v, t) -> t).join();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(failure).isInstanceOf(TributaryException.class);
        assertThat(((TributaryException) failure).code()).isIn("TRB-KAF004", "TRB-KAF003");
        assertThat(took).isLessThan(8_000);
    }

    @Test
    void aTemplateAddressSubscribesByPattern(KafkaBroker broker) {
        String base = "tpl" + System.nanoTime();
        String d1 = base + ".d1.temp";
        String d2 = base + ".d2.temp";
        String other = base + ".d3.humidity";
        broker.createTopic(d1, 1);
        broker.createTopic(d2, 1);
        broker.createTopic(other, 1);
        KafkaConnector c = kit(broker).connector();
        KafkaTestKit.Recorder sink = new KafkaTestKit.Recorder(InboundMessage::ack);
        c.subscribe(spec(base + ".{device}.temp", AckPolicy.MANUAL), sink);
        send(c, text(d1, "21"));
        send(c, text(other, "50%"));
        send(c, text(d2, "19"));

        await().atMost(WAIT).until(() -> sink.messages.size() >= 2);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> sink.messages.size() == 2);
        assertThat(sink.messages).extracting(InboundMessage::address).containsExactlyInAnyOrder(d1, d2);
    }

    @Test
    void consumingAndPublishingResumeAfterABrokerRestartAndAckedRecordsStayAcked(KafkaBroker broker) throws Exception {
        String t = topic(broker, "restart", 1);
        String group = "g-" + t;
        KafkaConnector c = kit(broker).connector();
        KafkaTestKit.Recorder sink = new KafkaTestKit.Recorder(InboundMessage::ack);
        c.subscribe(spec(t, AckPolicy.MANUAL, "group", group), sink);
        for (int i = 0; i < 20; i++) {
            send(c, text(t, "a" + i));
        }
        await().atMost(WAIT).until(() -> KafkaTestKit.committed(broker, group, t) == 20);

        broker.stop();
        await().atMost(WAIT).until(() -> !c.health().up());
        broker.start();
        await().atMost(WAIT).until(() -> c.health().up());

        for (int i = 0; i < 20; i++) {
            send(c, text(t, "b" + i));
        }
        await().atMost(WAIT).until(() -> sink.messages.size() >= 40);
        await().atMost(WAIT).until(() -> KafkaTestKit.committed(broker, group, t) == 40);
        for (int i = 0; i < 20; i++) {
            assertThat(sink.count("a" + i)).as("acked before the restart: not redelivered").isEqualTo(1);
            assertThat(sink.count("b" + i)).isEqualTo(1);
        }
    }

    @Test
    void explicitPartitionsAndThePartitionAndTimestampPublishOptions(KafkaBroker broker) {
        String t = topic(broker, "partitions", 2);
        KafkaConnector c = kit(broker).connector();
        KafkaTestKit.Recorder sink = new KafkaTestKit.Recorder(InboundMessage::ack);
        c.subscribe(spec(t, AckPolicy.MANUAL, "partitions", "1"), sink);
        send(c, new OutboundMessage(t, "p0".getBytes(StandardCharsets.UTF_8), "text/plain", "c0", null, null, null,
                Map.of(), Map.of("partition", 0)));
        send(c, new OutboundMessage(t, "p1".getBytes(StandardCharsets.UTF_8), "text/plain", "c1", null, null, null,
                Map.of(), Map.of("partition", "1", "timestamp", 1_234_567L)));

        await().atMost(WAIT).until(() -> sink.messages.size() == 1);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> sink.messages.size() == 1);
        KafkaMetadata m = (KafkaMetadata) sink.messages.get(0).metadata();
        assertThat(body(sink.messages.get(0))).isEqualTo("p1");
        assertThat(m.partition()).isEqualTo(1);
        assertThat(m.timestampMillis()).isEqualTo(1_234_567L);
    }

    @Test
    void aRegexPatternSubscription(KafkaBroker broker) {
        String base = "rx" + System.nanoTime();
        broker.createTopic(base + "-a", 1);
        broker.createTopic(base + "-b", 1);
        broker.createTopic("other" + base, 1);
        KafkaConnector c = kit(broker).connector();
        KafkaTestKit.Recorder sink = new KafkaTestKit.Recorder(InboundMessage::ack);
        c.subscribe(spec(base + "-.*", AckPolicy.MANUAL, "pattern", "true"), sink);
        send(c, text(base + "-a", "a"));
        send(c, text("other" + base, "x"));
        send(c, text(base + "-b", "b"));

        await().atMost(WAIT).until(() -> sink.messages.size() >= 2);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> sink.messages.size() == 2);
        assertThat(sink.bodies()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aClientSettingKafkaRefusesFailsTheSubscribeWithACode(KafkaBroker broker) {
        KafkaConnector c = kit(broker).connector();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.subscribe(
                spec("x", AckPolicy.ACK, "kafka.max.poll.records", "many"), new KafkaTestKit.Recorder()))
                .isInstanceOf(TributaryException.class).hasMessageStartingWith("TRB-KAF012");
    }

    @Test
    void aSendFromTheProducersOwnCallbackToANewTopicDoesNotStallIt(KafkaBroker broker) {
        String first = topic(broker, "chain-a", 1);
        String second = topic(broker, "chain-b", 1); // exists, but the producer has no metadata for it yet
        KafkaConnector c = kit(broker, "publish.timeout", "3s").connector();
        long start = System.nanoTime();
        c.sender(null).send(text(first, "one")).thenCompose(v -> c.sender(null).send(text(second, "two")))
                .toCompletableFuture().join();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_500);
        assertThat(KafkaTestKit.readAll(broker, second, 1)).hasSize(1);
    }
}
