package dev.tributary.outbox;

import static dev.tributary.outbox.testing.OutboxEnvironment.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tributary.Channel;
import dev.tributary.Incoming;
import dev.tributary.Message;
import dev.tributary.Outgoing;
import dev.tributary.PublishOptions;
import dev.tributary.Publisher;
import dev.tributary.Response;
import dev.tributary.TributaryException;
import dev.tributary.outbox.testing.Account;
import dev.tributary.outbox.testing.OutboxEnvironment;
import dev.tributary.outbox.testing.Received;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The outbox's core promises, on one database: commit → relayed once, rollback → nothing, no transaction → the coded
 * error at once, the Publisher form writes the same row, headers / correlation id / ordering key / dedup key / delay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RelayContract {

    public record Order(String id, int qty) {
    }

    @ApplicationScoped
    public static class Shop {
        @Inject
        Outbox outbox;
        @Inject
        EntityManager em;
        @Inject
        @Channel("orders-by-publisher")
        Publisher<Order> publisher;

        @Transactional
        public String place(Order o, PublishOptions options) {
            em.persist(new Account(o.id(), o.qty()));
            return outbox.publish(o, "orders", options);
        }

        @Transactional
        public void placeThenFail(Order o) {
            em.persist(new Account(o.id(), o.qty()));
            outbox.publish(o, "orders");
            throw new IllegalStateException("business rule violated");
        }

        /** No transaction. */
        public CompletionStage<Void> publishOutsideTransaction(Order o) {
            return publisher.publish(o);
        }

        @Transactional
        public CompletionStage<Void> placeWithPublisher(Order o) {
            em.persist(new Account(o.id(), o.qty()));
            return publisher.publish(o);
        }
    }

    /** The relay: outbox queue "orders" → memory address "relayed", headers forwarded. */
    @ApplicationScoped
    public static class Relay {
        @Incoming(value = "orders", connector = "outbox")
        @Outgoing(value = "relayed", connector = "memory")
        public Response<Order> relay(Order o, Message<Order> m) {
            Response<Order> r = Response.of(o);
            for (Map.Entry<String, String> h : m.headers().entrySet()) {
                r = r.header(h.getKey(), h.getValue());
            }
            if (m.key() != null) {
                r = r.header("key", m.key());
            }
            return r.header("outbox-id", m.messageId());
        }
    }

    @ApplicationScoped
    public static class Downstream {
        @Inject
        Received received;

        @Incoming(value = "relayed", connector = "memory")
        void on(Order o, Message<Order> m) {
            received.add("relayed", o.id(), m);
        }
    }

    OutboxEnvironment env;
    Shop shop;
    Received received;

    abstract OutboxEnvironment.Database database();

    @BeforeAll
    void start() {
        env = OutboxEnvironment.start(database(), config(
                "tributary.connectors.outbox.type", "outbox",
                "tributary.connectors.outbox.ack-policy", "nack-on-error",
                "tributary.connectors.outbox.poll-interval", "200ms",
                "tributary.connectors.memory.type", "memory",
                "tributary.channels.orders-by-publisher.connector", "outbox",
                "tributary.channels.orders-by-publisher.address", "orders"),
                Shop.class, Relay.class, Downstream.class, Received.class);
        shop = env.bean(Shop.class);
        received = env.bean(Received.class);
    }

    @AfterAll
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    @BeforeEach
    void drained() {
        await().atMost(Duration.ofSeconds(10)).until(() -> env.count("SELECT COUNT(*) FROM tributary_outbox") == 0);
    }

    private Received.Got awaitOne(String id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> received.all().stream().anyMatch(g -> g.body().equals(id)));
        return received.all().stream().filter(g -> g.body().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void committedRowIsRelayedOnceAndDeleted() {
        String rowId = shop.place(new Order("c1", 3), PublishOptions.none());
        Received.Got got = awaitOne("c1");
        assertThat(got.headers()).containsEntry("outbox-id", rowId);
        assertThat(got.contentType()).isEqualTo("application/json");
        await().atMost(Duration.ofSeconds(5)).until(() -> env.count("SELECT COUNT(*) FROM tributary_outbox") == 0);
        // another commit after it, to be sure the first is not relayed a second time meanwhile
        shop.place(new Order("c1-after", 1), PublishOptions.none());
        awaitOne("c1-after");
        assertThat(received.bodies()).filteredOn("c1"::equals).hasSize(1);
        assertThat(env.count("SELECT COUNT(*) FROM test_account WHERE id = 'c1'")).isEqualTo(1);
    }

    @Test
    void rolledBackRowIsNeverRelayed() {
        assertThatThrownBy(() -> shop.placeThenFail(new Order("r1", 1))).hasMessageContaining("business rule");
        assertThat(env.count("SELECT COUNT(*) FROM tributary_outbox")).isZero();
        assertThat(env.count("SELECT COUNT(*) FROM test_account WHERE id = 'r1'")).isZero();
        shop.place(new Order("r1-after", 1), PublishOptions.none());
        awaitOne("r1-after");
        assertThat(received.bodies()).doesNotContain("r1");
    }

    @Test
    void publishWithoutTransactionFailsAtOnceWithCode() {
        Outbox outbox = env.bean(Outbox.class);
        assertThatThrownBy(() -> outbox.publish(new Order("n1", 1), "orders"))
                .isInstanceOf(TributaryException.class)
                .satisfies(e -> assertThat(((TributaryException) e).code()).isEqualTo("TRB-OBX001"));
        CompletableFuture<Void> viaPublisher = shop.publishOutsideTransaction(new Order("n2", 1))
                .toCompletableFuture();
        assertThat(viaPublisher).isCompletedExceptionally();
        assertThatThrownBy(viaPublisher::join).hasCauseInstanceOf(TributaryException.class)
                .hasMessageContaining("TRB-OBX001");
        assertThat(env.count("SELECT COUNT(*) FROM tributary_outbox")).isZero();
    }

    @Test
    void publisherBoundToOutboxWritesTheSameRow() {
        CompletionStage<Void> stage = shop.placeWithPublisher(new Order("p1", 2));
        assertThat(stage.toCompletableFuture()).isCompleted();
        Received.Got got = awaitOne("p1");
        assertThat(got.contentType()).isEqualTo("application/json");
        assertThat(got.headers()).containsKey("outbox-id");
    }

    @Test
    void headersCorrelationIdAndKeyTravelWithTheRow() {
        shop.place(new Order("h1", 1), PublishOptions.builder().header("tenant", "acme").header("odd=name", "a\nb%")
                .correlationId("corr-1").key("customer-7").build());
        Received.Got got = awaitOne("h1");
        assertThat(got.headers()).containsEntry("tenant", "acme").containsEntry("odd=name", "a\nb%")
                .containsEntry("key", "customer-7");
        assertThat(got.correlationId()).isEqualTo("corr-1");
    }

    @Test
    void dedupKeyWritesOneRow() {
        String first = shop.place(new Order("d1", 1), PublishOptions.builder().messageId("dedup-1")
                .option(Outbox.NOT_BEFORE, Duration.ofMillis(500)).build());
        String second = shop.place(new Order("d1-again", 1), PublishOptions.builder().messageId("dedup-1").build());
        assertThat(second).isEqualTo(first);
        assertThat(env.count("SELECT COUNT(*) FROM tributary_outbox WHERE dedup_key = 'dedup-1'")).isEqualTo(1);
        awaitOne("d1");
        assertThat(received.bodies()).doesNotContain("d1-again");
    }

    @Test
    void delayedRowWaitsForItsTime() {
        long start = System.nanoTime();
        shop.place(new Order("late", 1), PublishOptions.builder().option(Outbox.NOT_BEFORE, Duration.ofMillis(1500))
                .build());
        shop.place(new Order("early", 1), PublishOptions.none());
        awaitOne("early");
        assertThat(received.bodies()).doesNotContain("late");
        awaitOne("late");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }
}
