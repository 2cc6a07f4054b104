package dev.tributary.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.AckMessage;
import dev.tributary.AckPolicy;
import dev.tributary.Incoming;
import dev.tributary.Message;
import dev.tributary.NackMessage;
import dev.tributary.RejectMessage;
import dev.tributary.memory.MemoryMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Each policy's outcome on success, on error and on a decode failure, observed on the real memory connector:
 * a reject goes to the dead-letter address {@code dlq}, a nack is redelivered (then, past
 * {@code max-redeliveries=1}, dead-lettered), an ack is simply gone.
 */
class AckPolicyTest {

    public record Item(String name) {
    }

    static final List<String> CALLS = new CopyOnWriteArrayList<>();
    static final List<String> DEAD = new CopyOnWriteArrayList<>();
    static final List<Message<?>> KEPT = new CopyOnWriteArrayList<>();
    static final List<Object> STAGES = new CopyOnWriteArrayList<>();

    static void act(String where, Item item, MemoryMetadata meta) {
        CALLS.add(where + ":" + item.name() + ":" + meta.redeliveryCount());
        switch (item.name()) {
            case "fail" -> throw new IllegalStateException("boom");
            case "throw-ack" -> throw new AckMessage();
            case "throw-nack" -> throw new NackMessage();
            case "throw-reject" -> throw new RejectMessage();
            default -> { }
        }
    }

    @ApplicationScoped
    static class Handlers {
        @Incoming(value = "ack", ackPolicy = AckPolicy.ACK)
        void ack(Item item, MemoryMetadata meta) {
            act("ack", item, meta);
        }

        @Incoming(value = "first", ackPolicy = AckPolicy.ACK_FIRST)
        void first(Item item, Message<Item> m, MemoryMetadata meta) {
            assertThat(m.isSettled()).isTrue();
            act("first", item, meta);
        }

        @Incoming(value = "reject", ackPolicy = AckPolicy.REJECT_ON_ERROR)
        void reject(Item item, MemoryMetadata meta) {
            act("reject", item, meta);
        }

        @Incoming(value = "nack", ackPolicy = AckPolicy.NACK_ON_ERROR)
        void nack(Item item, MemoryMetadata meta) {
            act("nack", item, meta);
        }

        @Incoming(value = "manual", ackPolicy = AckPolicy.MANUAL)
        void manual(Message<Item> m, MemoryMetadata meta) {
            act("manual", m.body(), meta);
            switch (m.body().name()) {
                case "keep" -> KEPT.add(m);
                case "double" -> {
                    CompletionStage<Void> first = m.ack();
                    CompletionStage<Void> second = m.reject();
                    STAGES.add(first == second);
                    m.nack();
                }
                case "manual-reject" -> m.reject();
                default -> { }
            }
        }

        @Incoming("dlq")
        void dead(byte[] body, Message<byte[]> m) {
            DEAD.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static void quiet(TestApp app) {
        await().atMost(Duration.ofSeconds(5)).until(() -> app.runtime().running().stream()
                .allMatch(r -> r.dispatcher().inFlight() == 0 || r.channel().equals("manual")));
    }

    @Test
    void outcomes() {
        CALLS.clear();
        DEAD.clear();
        KEPT.clear();
        STAGES.clear();
        Map<String, String> cfg = TestApp.config("tributary.connectors.memory.dead-letter", "dlq",
                "tributary.connectors.memory.max-redeliveries", "1");
        try (LogCapture log = new LogCapture(); TestApp app = TestApp.start(cfg, Handlers.class)) {
            for (String policy : List.of("ack", "first", "reject", "nack")) {
                for (String name : List.of("ok", "fail")) {
                    app.sendJson(policy, "{\"name\":\"" + name + "\"}");
                }
                app.sendJson(policy, "{not json " + policy);
            }
            app.sendJson("manual", "{\"name\":\"keep\"}");
            app.sendJson("manual", "{\"name\":\"double\"}");
            app.sendJson("manual", "{\"name\":\"manual-reject\"}");
            app.sendJson("manual", "{\"name\":\"fail\"}");
            app.sendJson("manual", "{broken manual");
            app.sendJson("ack", "{\"name\":\"throw-reject\"}");
            app.sendJson("reject", "{\"name\":\"throw-nack\"}");
            app.sendJson("reject", "{\"name\":\"throw-ack\"}");

            await().atMost(Duration.ofSeconds(5)).until(() -> CALLS.contains("nack:fail:1") && DEAD.size() >= 7);
            quiet(app);

            // success: acked under every policy (called once, never dead-lettered)
            for (String p : List.of("ack", "first", "reject", "nack")) {
                assertThat(CALLS).containsOnlyOnce(p + ":ok:0");
            }
            assertThat(DEAD).noneMatch(d -> d.contains("\"ok\""));
            // error: ACK acks, ACK_FIRST acked before, REJECT_ON_ERROR rejects, NACK_ON_ERROR redelivers
            assertThat(CALLS).containsOnlyOnce("ack:fail:0", "first:fail:0", "reject:fail:0");
            assertThat(CALLS).contains("nack:fail:0", "nack:fail:1");
            assertThat(DEAD).filteredOn(d -> d.contains("\"fail\"")).hasSize(3); // reject, nack (past max), manual
            // decode failure: acked under ACK and ACK_FIRST, rejected under every other policy (even NACK and MANUAL)
            assertThat(DEAD).contains("{not json reject", "{not json nack", "{broken manual")
                    .doesNotContain("{not json ack", "{not json first");
            assertThat(log.count("TRB-RUN020")).isEqualTo(5);
            assertThat(log.lines).filteredOn(l -> l.contains("TRB-RUN020")).allMatch(l -> l.contains("subscription '"));
            assertThat(log.contains("TRB-RUN021")).isTrue();
            // settle exceptions override the policy
            assertThat(DEAD).contains("{\"name\":\"throw-reject\"}").doesNotContain("{\"name\":\"throw-ack\"}");
            assertThat(CALLS).contains("reject:throw-nack:0", "reject:throw-nack:1");
            // MANUAL: the first settle wins and returns the same stage; unsettled stays in flight
            assertThat(STAGES).containsExactly(true);
            assertThat(DEAD).doesNotContain("{\"name\":\"double\"}").contains("{\"name\":\"manual-reject\"}");
            assertThat(CALLS).containsOnlyOnce("manual:double:0");
            TributaryRuntime.Running manual = app.runtime().running().stream().filter(r -> r.channel().equals("manual"))
                    .findFirst().orElseThrow();
            assertThat(manual.dispatcher().inFlight()).isEqualTo(1);
            KEPT.get(0).ack();
            assertThat(manual.dispatcher().inFlight()).isZero();
        }
    }
}
