package dev.tributary.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.Header;
import dev.tributary.Incoming;
import dev.tributary.Outgoing;
import dev.tributary.Response;
import dev.tributary.TributaryException;
import dev.tributary.spi.Capability;
import dev.tributary.spi.Connector;
import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.ConnectorProvider;
import dev.tributary.spi.TransactionRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A handler that consumes a broker and returns a value to a {@link Capability#TRANSACTIONAL_PUBLISH}
 * connector (an outbox): the call and the write run in one transaction of the deployed
 * {@link TransactionRunner}, a failure of either rolls both back, and the shapes that cannot work are refused
 * at deployment. The transactional connector and the runner here are a small in-test ledger with
 * begin/commit/rollback on the calling thread (the real JTA pair is tested in the outbox module).
 */
class TransactionalResultTest {

    /** Writes of the open transaction of each thread; committed writes; counts. */
    static final ThreadLocal<List<String>> OPEN = new ThreadLocal<>();
    static final List<String> COMMITTED = new CopyOnWriteArrayList<>();
    static final AtomicInteger ROLLED_BACK = new AtomicInteger();
    static final List<Boolean> HANDLER_SAW_TRANSACTION = new CopyOnWriteArrayList<>();
    static final List<String> HEADERS_SEEN = new CopyOnWriteArrayList<>();

    @BeforeEach
    void reset() {
        COMMITTED.clear();
        ROLLED_BACK.set(0);
        HANDLER_SAW_TRANSACTION.clear();
        HEADERS_SEEN.clear();
    }

    static void write(String entry) {
        List<String> tx = OPEN.get();
        if (tx == null) {
            throw new TributaryException("TRB-TEST001", "no transaction");
        }
        tx.add(entry);
    }

    @ApplicationScoped
    public static class LedgerTransactions implements TransactionRunner {
        @Override
        public <T> T required(java.util.concurrent.Callable<T> work) throws Exception {
            if (OPEN.get() != null) {
                return work.call();
            }
            List<String> tx = new ArrayList<>();
            OPEN.set(tx);
            try {
                T v = work.call();
                COMMITTED.addAll(tx);
                return v;
            } catch (Exception | Error e) {
                ROLLED_BACK.incrementAndGet();
                throw e;
            } finally {
                OPEN.remove();
            }
        }
    }

    /** A publish-only connector whose sender writes into the caller's open transaction. */
    @ApplicationScoped
    public static class LedgerProvider implements ConnectorProvider {
        @Override
        public String type() {
            return "ledger";
        }

        @Override
        public Connector create(ConnectorContext context) {
            return new PublishOnlyConnector(context, "ledger", Set.of(Capability.TRANSACTIONAL_PUBLISH, Capability.HEADERS),
                    m -> {
                        String body = new String(m.body(), StandardCharsets.UTF_8);
                        if (body.contains("refused")) {
                            return CompletableFuture.failedFuture(new TributaryException("TRB-TEST003", "refused"));
                        }
                        try {
                            write(m.address() + ":" + body + m.headers());
                            return CompletableFuture.completedFuture(null);
                        } catch (RuntimeException e) {
                            return CompletableFuture.failedFuture(e);
                        }
                    });
        }
    }

    @ApplicationScoped
    public static class Billing {
        @Incoming(value = "orders", connector = "memory")
        @Outgoing(value = "invoices", connector = "ledger")
        @Transactional
        public String bill(String order) {
            HANDLER_SAW_TRANSACTION.add(OPEN.get() != null);
            write("work:" + order);
            if (order.contains("broken")) {
                throw new IllegalStateException("cannot bill " + order);
            }
            return order.contains("refused") ? "refused " + order : "invoice " + order;
        }
    }

    @Test
    void handlerWorkAndResultCommitTogether() {
        try (TestApp app = TestApp.start(Map.of(), LedgerProvider.class, LedgerTransactions.class, Billing.class)) {
            app.sendText("orders", "o-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> COMMITTED.size() == 2);
            assertThat(COMMITTED).containsExactly("work:o-1", "invoices:invoice o-1{}");
            assertThat(HANDLER_SAW_TRANSACTION).containsExactly(true);
            assertThat(ROLLED_BACK).hasValue(0);
        }
    }

    @Test
    void aThrowingHandlerOrARefusedWriteRollsBothBack() {
        try (TestApp app = TestApp.start(Map.of(), LedgerProvider.class, LedgerTransactions.class, Billing.class)) {
            app.sendText("orders", "broken-1");
            app.sendText("orders", "refused-1");
            app.sendText("orders", "o-2");
            await().atMost(Duration.ofSeconds(10)).until(() -> COMMITTED.size() == 2);
            assertThat(COMMITTED).containsExactly("work:o-2", "invoices:invoice o-2{}");
            assertThat(ROLLED_BACK).hasValue(2);
        }
    }

    @ApplicationScoped
    public static class NotTransactional {
        @Incoming(value = "orders", connector = "memory")
        @Outgoing(value = "invoices", connector = "ledger")
        public String bill(String order) {
            return order;
        }
    }

    @ApplicationScoped
    public static class Mixed {
        @Incoming(value = "orders", connector = "memory")
        @Outgoing(value = "invoices", connector = "ledger")
        @Outgoing(value = "audit", connector = "memory")
        @Transactional
        public String bill(String order) {
            return order;
        }
    }

    @ApplicationScoped
    @Transactional
    public static class Async {
        @Incoming(value = "orders", connector = "memory")
        @Outgoing(value = "invoices", connector = "ledger")
        public CompletionStage<String> bill(String order) {
            return CompletableFuture.completedFuture(order);
        }
    }

    @Test
    void guardsAtDeployment() {
        assertThat(ValidationTest.failure(LedgerProvider.class, LedgerTransactions.class, NotTransactional.class))
                .contains("TRB-CDI017", NotTransactional.class.getName() + "#bill", "@jakarta.transaction.Transactional");
        assertThat(ValidationTest.failure(LedgerProvider.class, LedgerTransactions.class, Mixed.class))
                .contains("TRB-CDI016", Mixed.class.getName() + "#bill", "[ledger]", "[memory]");
        assertThat(ValidationTest.failure(LedgerProvider.class, LedgerTransactions.class, Async.class))
                .contains("TRB-CDI017", "CompletionStage", "return the value itself");
        assertThat(ValidationTest.failure(LedgerProvider.class, Billing.class))
                .contains("TRB-CDI017", TransactionRunner.class.getName(), "tributary-outbox-jpa");
    }

    @ApplicationScoped
    public static class Forwarding {
        @Incoming(value = "in", connector = "memory", propagateHeaders = true)
        @Outgoing(value = "out", connector = "memory")
        public String forward(String body) {
            return body;
        }

        @Incoming(value = "in2", connector = "memory")
        @Outgoing(value = "out", connector = "memory")
        public String plain(String body) {
            return body;
        }

        @Incoming(value = "in3", connector = "memory", propagateHeaders = true)
        @Outgoing(value = "out", connector = "memory")
        public Response<String> withOwn(String body) {
            return Response.of(body).header("stage", "3");
        }

        @Incoming(value = "in4", connector = "memory")
        @Outgoing(value = "keyed", connector = "memory")
        public Response<String> keyed(dev.tributary.Message<String> m) {
            return Response.of(m.body()).key("k-" + m.body());
        }

        @Incoming(value = "keyed", connector = "memory")
        public void seenKeyed(dev.tributary.Message<String> m) {
            HEADERS_SEEN.add("keyed:" + m.body() + ":" + m.key());
        }

        @Incoming(value = "out", connector = "memory")
        public void seen(String body, @Header("tenant") java.util.Optional<String> tenant,
                @Header("stage") java.util.Optional<String> stage) {
            HEADERS_SEEN.add(body + ":" + tenant.orElse("-") + ":" + stage.orElse("-"));
        }
    }

    @Test
    void propagateHeadersForwardsTheInboundUserHeadersAndResponseSetsTheKey() {
        try (TestApp app = TestApp.start(Map.of(), Forwarding.class)) {
            Map<String, String> h = Map.of("tenant", "acme");
            app.sendRaw("memory", "in", "a".getBytes(StandardCharsets.UTF_8), "text/plain", h, null);
            app.sendRaw("memory", "in2", "b".getBytes(StandardCharsets.UTF_8), "text/plain", h, null);
            app.sendRaw("memory", "in3", "c".getBytes(StandardCharsets.UTF_8), "text/plain", h, null);
            app.sendText("in4", "d");
            await().atMost(Duration.ofSeconds(10)).until(() -> HEADERS_SEEN.size() == 4);
            assertThat(HEADERS_SEEN).containsExactlyInAnyOrder("a:acme:-", "b:-:-", "c:acme:3", "keyed:d:k-d");
        }
    }
}
