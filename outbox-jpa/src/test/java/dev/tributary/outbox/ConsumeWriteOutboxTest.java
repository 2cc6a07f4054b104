package dev.tributary.outbox;

import static dev.tributary.outbox.testing.OutboxEnvironment.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.Channel;
import dev.tributary.Incoming;
import dev.tributary.Message;
import dev.tributary.Outgoing;
import dev.tributary.PublishOptions;
import dev.tributary.Publisher;
import dev.tributary.Response;
import dev.tributary.outbox.testing.Account;
import dev.tributary.outbox.testing.OutboxEnvironment;
import dev.tributary.outbox.testing.Received;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The consume → write → outbox pattern on real Narayana JTA and H2: a handler consumes a broker message, writes a
 * business row and returns an event to the outbox; the runtime runs both in one transaction (TransactionRunner),
 * so they commit together — or roll back together, and the consumed message takes its error path (and is
 * redelivered) instead of being acknowledged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsumeWriteOutboxTest {

    public record Payment(String id, int amount) {
    }

    public record Booked(String payment, int amount) {
    }

    static final AtomicInteger ATTEMPTS = new AtomicInteger();

    @ApplicationScoped
    public static class Bookkeeping {
        @Inject
        EntityManager em;

        @Incoming(value = "payments", connector = "memory")
        @Outgoing(value = "booked", connector = "outbox")
        @Transactional
        public Response<Booked> book(Payment p, Message<Payment> m) {
            ATTEMPTS.incrementAndGet();
            em.persist(new Account(p.id(), p.amount()));
            if (p.amount() < 0) {
                throw new IllegalArgumentException("negative amount in " + p.id());
            }
            return Response.of(new Booked(p.id(), p.amount())).key(p.id());
        }
    }

    /** Relays the outbox queue "booked" to the memory broker, keeping headers and key. */
    @ApplicationScoped
    public static class Relay {
        @Inject
        Received received;

        @Incoming(value = "booked", connector = "outbox", propagateHeaders = true)
        @Outgoing(value = "ledger", connector = "memory")
        public Response<Booked> relay(Message<Booked> m) {
            return Response.of(m.body()).key(m.key());
        }

        @Incoming(value = "ledger", connector = "memory")
        void ledger(Booked b, Message<Booked> m) {
            received.add("ledger", b.payment(), m);
        }
    }

    @ApplicationScoped
    public static class Bank {
        @Inject
        @Channel("payments")
        Publisher<Payment> payments;

        void pay(Payment p) {
            payments.publish(p, PublishOptions.builder().header("tenant", "acme").build()).toCompletableFuture().join();
        }
    }

    OutboxEnvironment env;

    @BeforeAll
    void start() {
        env = OutboxEnvironment.start(OutboxEnvironment.Database.H2, config(
                "tributary.connectors.outbox.type", "outbox",
                "tributary.connectors.outbox.poll-interval", "200ms",
                "tributary.connectors.memory.type", "memory",
                "tributary.connectors.memory.max-redeliveries", "2",
                "tributary.channels.payments.connector", "memory",
                "tributary.channels.payments.ack-policy", "nack-on-error"),
                Bookkeeping.class, Relay.class, Bank.class, Received.class);
    }

    @AfterAll
    void stop() {
        env.close();
    }

    @Test
    void theBusinessRowAndTheEventCommitTogetherOrNotAtAll() {
        Bank bank = env.bean(Bank.class);
        Received received = env.bean(Received.class);
        ATTEMPTS.set(0);

        bank.pay(new Payment("p-1", 40));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);
        Received.Got got = received.all().get(0);
        assertThat(got.body()).isEqualTo("p-1");
        assertThat(got.key()).isEqualTo("p-1");
        assertThat(env.count("SELECT COUNT(*) FROM test_account WHERE id = 'p-1'")).isEqualTo(1);

        // a failing handler: the business row and the outbox row roll back; the payment is nacked and redelivered
        bank.pay(new Payment("p-2", -5));
        await().atMost(Duration.ofSeconds(20)).until(() -> ATTEMPTS.get() >= 4); // p-1 once, p-2 three times
        await().atMost(Duration.ofSeconds(5)).until(() -> env.count("SELECT COUNT(*) FROM tributary_outbox") == 0);
        assertThat(env.count("SELECT COUNT(*) FROM test_account WHERE id = 'p-2'")).isZero();
        assertThat(received.bodies()).containsExactly("p-1");
    }
}
