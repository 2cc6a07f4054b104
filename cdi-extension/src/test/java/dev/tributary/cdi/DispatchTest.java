package dev.tributary.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.Filter;
import dev.tributary.Incoming;
import dev.tributary.Message;
import dev.tributary.MessageFilter;
import dev.tributary.Middleware;
import dev.tributary.Router;
import dev.tributary.UseMiddleware;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DispatchTest {

    public record Point(int x, int y) {
    }

    // ------------------------------------------------------------------ backpressure

    static final AtomicInteger HANDLED = new AtomicInteger();
    static volatile CountDownLatch gate = new CountDownLatch(0);

    @ApplicationScoped
    static class Slow {
        @Incoming(value = "slow", maxInFlight = 16)
        void on(String s) throws InterruptedException {
            gate.await(10, TimeUnit.SECONDS);
            HANDLED.incrementAndGet();
        }
    }

    @Test
    void backpressureBoundsInFlightAndMemory() throws Exception {
        HANDLED.set(0);
        gate = new CountDownLatch(1);
        try (TestApp app = TestApp.start(Slow.class)) {
            InboundDispatcher d = app.runtime().running().get(0).dispatcher();
            int total = 20_000;
            Thread producer = new Thread(() -> {
                for (int i = 0; i < total; i++) {
                    app.sendText("slow", "m" + i);
                }
            });
            producer.start();
            // the handler is blocked: the connector must be paused at the bound
            await().atMost(Duration.ofSeconds(5)).until(() -> d.inFlight() == 16);
            assertThat(d.highWater).isEqualTo(16);
            gate.countDown();
            producer.join(30_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> HANDLED.get() == total);
            // in flight never exceeded the bound while 20 000 messages went through a slow handler
            assertThat(d.highWater).isLessThanOrEqualTo(16);
            assertThat(d.inFlight()).isZero();
        }
    }

    static final AtomicInteger SLOWLY_HANDLED = new AtomicInteger();

    @ApplicationScoped
    static class Steady {
        @Incoming(value = "steady", maxInFlight = 16)
        void on(byte[] body) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000); // a slow handler: about 10 000 msg/s
            SLOWLY_HANDLED.incrementAndGet();
        }
    }

    @Test
    void aFastProducerAndASlowHandlerKeepTheHeapFlat() {
        SLOWLY_HANDLED.set(0);
        int total = 15_000;
        int size = 20_000; // 15 000 x 20 kB = 300 MB if anything buffered every message
        try (TestApp app = TestApp.start(Map.of("tributary.connectors.memory.max-queued", "500"), Steady.class)) {
            java.lang.management.MemoryMXBean heap = java.lang.management.ManagementFactory.getMemoryMXBean();
            System.gc();
            long baseline = heap.getHeapMemoryUsage().getUsed();
            long highest = 0;
            for (int i = 0; i < total; i++) {
                // a fresh body each time, as real messages are; sendRaw waits until the broker accepted it
                app.sendRaw("memory", "steady", new byte[size], null, Map.of(), null);
                if (i % 3_000 == 2_999) {
                    System.gc();
                    highest = Math.max(highest, heap.getHeapMemoryUsage().getUsed() - baseline);
                }
            }
            InboundDispatcher d = app.runtime().running().get(0).dispatcher();
            // the producer was held back by the broker's flow control and the runtime's in-flight bound:
            // at most ~516 bodies (10 MB) were ever waiting, while the producer outran the handler 10 to 1
            assertThat(highest).as("heap growth in bytes").isLessThan(64L << 20);
            assertThat(SLOWLY_HANDLED.get()).isGreaterThan(total - 600);
            assertThat(d.highWater).isLessThanOrEqualTo(16);
            await().atMost(Duration.ofSeconds(30)).until(() -> SLOWLY_HANDLED.get() == total);
        }
    }

    // ------------------------------------------------------------------ workers and keys

    static final Map<String, List<Integer>> BY_KEY = new ConcurrentHashMap<>();
    static final AtomicInteger CONCURRENT = new AtomicInteger();
    static final AtomicInteger MAX_CONCURRENT = new AtomicInteger();

    @ApplicationScoped
    static class Parallel {
        @Incoming(value = "par", maxWorkers = 4)
        void on(String body, Message<String> m) throws InterruptedException {
            int now = CONCURRENT.incrementAndGet();
            MAX_CONCURRENT.accumulateAndGet(now, Math::max);
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // 2 ms of work, not synchronisation
            BY_KEY.computeIfAbsent(m.key(), k -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(body));
            CONCURRENT.decrementAndGet();
        }
    }

    @Test
    void severalWorkersRunInParallelAndKeepOrderPerKey() {
        BY_KEY.clear();
        MAX_CONCURRENT.set(0);
        try (TestApp app = TestApp.start(Parallel.class)) {
            for (int i = 0; i < 400; i++) {
                app.sendRaw("memory", "par", String.valueOf(i).getBytes(StandardCharsets.UTF_8), "text/plain", Map.of(),
                        "k" + (i % 8));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> BY_KEY.values().stream().mapToInt(List::size).sum() == 400);
            assertThat(MAX_CONCURRENT.get()).isGreaterThan(1).isLessThanOrEqualTo(4);
            BY_KEY.forEach((k, list) -> assertThat(list).as("order of key " + k).isSorted());
        }
    }

    // ------------------------------------------------------------------ malformed payload

    static final List<Point> POINTS = new CopyOnWriteArrayList<>();

    @ApplicationScoped
    static class Points {
        @Incoming("points")
        void on(Point p) {
            POINTS.add(p);
        }
    }

    @Test
    void malformedPayloadIsLoggedAndTheNextMessageConsumed() {
        POINTS.clear();
        try (LogCapture log = new LogCapture(); TestApp app = TestApp.start(Points.class)) {
            app.sendJson("points", "{\"x\":1,\"y\":2}");
            app.sendJson("points", "{\"x\": oops");
            app.sendJson("points", "{\"x\":3,\"y\":4}");
            await().atMost(Duration.ofSeconds(5)).until(() -> POINTS.size() == 2);
            assertThat(POINTS).containsExactly(new Point(1, 2), new Point(3, 4));
            assertThat(log.lines).filteredOn(l -> l.startsWith("TRB-RUN020")).singleElement()
                    .satisfies(l -> assertThat(l).contains("'points'").doesNotContain("oops"));
        }
    }

    // ------------------------------------------------------------------ graceful drain

    static volatile CountDownLatch entered;
    static volatile CountDownLatch release;
    static final AtomicInteger FINISHED = new AtomicInteger();

    @ApplicationScoped
    static class Blocking {
        @Incoming("block")
        void on(String s) throws InterruptedException {
            entered.countDown();
            release.await(20, TimeUnit.SECONDS);
            FINISHED.incrementAndGet();
        }
    }

    @Test
    void shutdownWaitsForInFlightHandler() throws Exception {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        FINISHED.set(0);
        TestApp app = TestApp.start(TestApp.config("tributary.shutdown.timeout", "10s"), Blocking.class);
        app.sendText("block", "x");
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        Thread closer = new Thread(app::close);
        closer.start();
        closer.join(300);
        assertThat(closer.isAlive()).as("shutdown waits while the handler runs").isTrue();
        assertThat(FINISHED.get()).isZero();
        release.countDown();
        closer.join(10_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(FINISHED.get()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ filters

    static final List<String> ROUTED = new CopyOnWriteArrayList<>();

    public static final class VipFilter implements MessageFilter {
        @Override
        public boolean test(Message<?> message) {
            return message.body() instanceof Point p && p.x() > 100;
        }
    }

    @ApplicationScoped
    static class Filtered {
        @Incoming("f")
        @Filter(headers = "kind=special", order = 1)
        void special(String s) {
            ROUTED.add("special:" + s);
        }

        @Incoming("f")
        @Filter(value = VipFilter.class, order = 2)
        void vip(Point p) {
            ROUTED.add("vip:" + p.x());
        }

        @Incoming("f")
        @Filter(bodyType = true, order = 3)
        void point(Point p) {
            ROUTED.add("point:" + p.x());
        }

        @Incoming("f")
        @Filter(contentType = "text/", order = 4)
        void text(String s) {
            ROUTED.add("text:" + s);
        }

        @Incoming("f")
        void fallback(byte[] b) {
            ROUTED.add("fallback:" + b.length);
        }

        @Incoming("g")
        @Filter(headers = "only")
        void onlyFiltered(String s) {
            ROUTED.add("g:" + s);
        }
    }

    @Test
    void filtersChooseTheFirstMatchingHandlerInOrder() {
        ROUTED.clear();
        try (LogCapture log = new LogCapture(); TestApp app = TestApp.start(Filtered.class)) {
            app.sendRaw("memory", "f", "{\"x\":1,\"y\":1}".getBytes(StandardCharsets.UTF_8), "application/json",
                    Map.of("kind", "special"), null);
            app.sendJson("f", "{\"x\":500,\"y\":1}");
            app.sendJson("f", "{\"x\":7,\"y\":1}");
            app.sendText("f", "hello");
            app.sendRaw("memory", "f", new byte[] {1, 2, 3}, "application/octet-stream", Map.of(), null);
            app.sendText("g", "nobody");
            app.sendRaw("memory", "g", "yes".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of("only", "1"), null);
            await().atMost(Duration.ofSeconds(5)).until(() -> ROUTED.size() == 6);
            assertThat(ROUTED).filteredOn(r -> !r.startsWith("g:")).containsExactly("special:{\"x\":1,\"y\":1}",
                    "vip:500", "point:7", "text:hello", "fallback:3");
            assertThat(ROUTED).filteredOn(r -> r.startsWith("g:")).containsExactly("g:yes");
            assertThat(log.contains("TRB-RUN022")).isTrue();
        }
    }

    // ------------------------------------------------------------------ middlewares and router

    static final List<String> TRACE = new CopyOnWriteArrayList<>();

    public static class Outer implements Middleware {
        @Override
        public Object aroundConsume(Message<?> message, Invocation next) throws Exception {
            TRACE.add("connector>");
            return next.proceed();
        }
    }

    public static class ClassLevel implements Middleware {
        @Override
        public Object aroundConsume(Message<?> message, Invocation next) throws Exception {
            TRACE.add("class>");
            return next.proceed();
        }
    }

    public static class MethodLevel implements Middleware {
        @Override
        public Object aroundConsume(Message<?> message, Invocation next) throws Exception {
            TRACE.add("method>");
            Object r = next.proceed();
            TRACE.add("<method");
            return r;
        }
    }

    @ApplicationScoped
    @Router(prefix = "billing.")
    @UseMiddleware(ClassLevel.class)
    static class Routed {
        @Incoming("orders")
        @UseMiddleware(MethodLevel.class)
        void on(String s, Message<String> m) {
            TRACE.add("handler:" + m.address());
        }
    }

    @Test
    void middlewaresRunConnectorThenClassThenMethodAndRouterPrefixes() {
        TRACE.clear();
        try (TestApp app = TestApp.start(TestApp.config("tributary.connectors.memory.middlewares", Outer.class.getName()),
                Routed.class)) {
            app.sendText("billing.orders", "x");
            await().atMost(Duration.ofSeconds(5)).until(() -> TRACE.size() == 5);
            assertThat(TRACE).containsExactly("connector>", "class>", "method>", "handler:billing.orders", "<method");
        }
    }

    // ------------------------------------------------------------------ configuration overrides

    static final List<String> CONFIGURED = new CopyOnWriteArrayList<>();

    @ApplicationScoped
    static class Remapped {
        @Incoming("logical")
        void on(String s, Message<String> m) {
            CONFIGURED.add(m.address() + ":" + s);
        }
    }

    @Test
    void channelConfigurationOverridesAddressConnectorAndSettings() {
        CONFIGURED.clear();
        try (TestApp app = TestApp.start(TestApp.config("tributary.connectors.main.type", "memory",
                "tributary.connectors.other.type", "memory", "tributary.channels.logical.address", "physical.topic",
                "tributary.channels.logical.connector", "other", "tributary.channels.logical.max-workers", "3",
                "tributary.channels.logical.max-in-flight", "7", "tributary.channels.logical.ack-policy", "nack-on-error",
                "tributary.channels.logical.group", "g1"), Remapped.class)) {
            TributaryRuntime.Running r = app.runtime().running().get(0);
            assertThat(r.connector()).isEqualTo("other");
            SubscriptionPlan plan = null;
            app.sendRaw("other", "physical.topic", "hi".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of(), null);
            await().atMost(Duration.ofSeconds(5)).until(() -> CONFIGURED.contains("physical.topic:hi"));
            assertThat(plan).isNull();
            assertThat(r.dispatcher().processor.policy).isEqualTo(dev.tributary.AckPolicy.NACK_ON_ERROR);
        }
    }
}
