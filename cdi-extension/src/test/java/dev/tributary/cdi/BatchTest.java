package dev.tributary.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.AckPolicy;
import dev.tributary.Header;
import dev.tributary.Incoming;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batch consumption ({@code @Incoming(batchSize = …)}) on the real memory connector. */
class BatchTest {

    public record Reading(String sensor, double value) {
    }

    static final List<List<String>> BATCHES = new CopyOnWriteArrayList<>();
    static final List<String> DEAD = new CopyOnWriteArrayList<>();

    @BeforeEach
    void reset() {
        BATCHES.clear();
        DEAD.clear();
    }

    @ApplicationScoped
    static class Handlers {
        @Incoming(value = "readings", batchSize = 10, batchWait = "200ms")
        void readings(List<Reading> batch) {
            List<String> names = new ArrayList<>();
            for (Reading r : batch) {
                names.add(r.sensor());
            }
            BATCHES.add(names);
            if (names.contains("explode")) {
                throw new IllegalStateException("cannot store " + names);
            }
        }

        @Incoming("dlq")
        void dead(byte[] body) {
            DEAD.add(new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String json(String sensor) {
        return "{\"sensor\":\"" + sensor + "\",\"value\":1.5}";
    }

    private static void quiet(TestApp app) {
        await().atMost(Duration.ofSeconds(10)).until(() -> app.runtime().running().stream()
                .allMatch(r -> r.dispatcher().inFlight() == 0));
    }

    @Test
    void fullBatchesThenTheRestAfterTheWait() {
        try (TestApp app = TestApp.start(Handlers.class)) {
            for (int i = 0; i < 25; i++) {
                app.sendJson("readings", json("s" + i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> BATCHES.stream().mapToInt(List::size).sum() == 25);
            assertThat(BATCHES).hasSize(3);
            assertThat(BATCHES.get(0)).hasSize(10).startsWith("s0", "s1");
            assertThat(BATCHES.get(2)).containsExactly("s20", "s21", "s22", "s23", "s24");
            assertThat(BATCHES.stream().flatMap(List::stream).toList())
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 25).mapToObj(i -> "s" + i).toList());
            quiet(app);
        }
    }

    @Test
    void aMalformedMemberLeavesTheBatchAndAFailingBatchTakesTheErrorPathWhole() {
        Map<String, String> cfg = TestApp.config("tributary.connectors.memory.dead-letter", "dlq");
        try (LogCapture log = new LogCapture(); TestApp app = TestApp.start(cfg, Handlers.class)) {
            for (int i = 0; i < 9; i++) {
                app.sendJson("readings", json("a" + i));
            }
            app.sendJson("readings", "{broken");
            await().atMost(Duration.ofSeconds(10)).until(() -> BATCHES.size() == 1 && DEAD.size() == 1);
            assertThat(BATCHES.get(0)).hasSize(9).doesNotContain("broken");
            assertThat(DEAD).containsExactly("{broken");
            assertThat(log.contains("TRB-RUN020")).isTrue();

            app.sendJson("readings", json("b1"));
            app.sendJson("readings", json("explode"));
            await().atMost(Duration.ofSeconds(10)).until(() -> DEAD.size() == 3);
            assertThat(DEAD.subList(1, 3)).containsExactlyInAnyOrder(json("b1"), json("explode"));
            quiet(app);
        }
    }

    @ApplicationScoped
    static class Slow {
        static final List<Integer> SIZES = new CopyOnWriteArrayList<>();

        @Incoming(value = "bulk", batchSize = 5, maxInFlight = 10, ackPolicy = AckPolicy.ACK)
        void bulk(List<String> batch) {
            SIZES.add(batch.size());
        }
    }

    @Test
    void inFlightCountsEveryMemberSoTheConnectorResumes() {
        Slow.SIZES.clear();
        try (TestApp app = TestApp.start(Slow.class)) {
            for (int i = 0; i < 500; i++) {
                app.sendText("bulk", "m" + i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> Slow.SIZES.stream().mapToInt(Integer::intValue).sum() == 500);
            assertThat(Slow.SIZES).allMatch(n -> n >= 1 && n <= 5);
            quiet(app);
        }
    }

    @ApplicationScoped
    static class Sensors {
        @jakarta.inject.Inject
        @dev.tributary.Channel("readings")
        dev.tributary.Publisher<Reading> readings;

        dev.tributary.Publisher<Reading> readings() {
            return readings;
        }
    }

    @Test
    void publishBatchSendsEveryBodyInOrder() {
        try (TestApp app = TestApp.start(Handlers.class, Sensors.class)) {
            List<Reading> batch = java.util.stream.IntStream.range(0, 20).mapToObj(i -> new Reading("p" + i, i)).toList();
            app.get(Sensors.class).readings().publishBatch(batch).toCompletableFuture().join();
            app.get(Sensors.class).readings().publishBatch(List.of()).toCompletableFuture().join();
            await().atMost(Duration.ofSeconds(10)).until(() -> BATCHES.stream().mapToInt(List::size).sum() == 20);
            assertThat(BATCHES).hasSize(2);
            assertThat(BATCHES.stream().flatMap(List::stream).toList())
                    .containsExactlyElementsOf(batch.stream().map(Reading::sensor).toList());
        }
    }

    @ApplicationScoped
    static class NotAList {
        @Incoming(value = "x", batchSize = 3)
        void on(String body) {
        }
    }

    @ApplicationScoped
    static class WithHeader {
        @Incoming(value = "y", batchSize = 3)
        void on(List<String> body, @Header("h") String h) {
        }
    }

    @Test
    void wrongShapesAreRefusedAtDeployment() {
        assertThat(ValidationTest.failure(NotAList.class)).contains("TRB-CDI018", NotAList.class.getName() + "#on",
                "List<T>");
        assertThat(ValidationTest.failure(WithHeader.class)).contains("TRB-CDI018", WithHeader.class.getName() + "#on");
        assertThat(ValidationTest.failure(Map.of("tributary.channels.readings.batch-wait", "soon"), Handlers.class))
                .contains("TRB-CDI014", "batch-wait");
    }
}
