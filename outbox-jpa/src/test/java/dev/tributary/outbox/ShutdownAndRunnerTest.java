package dev.tributary.outbox;

import static dev.tributary.outbox.testing.OutboxEnvironment.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tributary.AckPolicy;
import dev.tributary.Incoming;
import dev.tributary.Message;
import dev.tributary.outbox.testing.Account;
import dev.tributary.outbox.testing.OutboxEnvironment;
import dev.tributary.spi.TransactionRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Shutdown gives back the leases of rows claimed but not settled, so the next start (or another node) relays
 * them at once; and the {@link TransactionRunner} the runtime uses joins or begins a transaction that commits
 * or rolls back with the outbox rows written inside it.
 */
class ShutdownAndRunnerTest {

    @ApplicationScoped
    public static class Writer {
        @Inject
        Outbox outbox;

        @Transactional
        public void write(String body) {
            outbox.publish(body, "slow");
        }
    }

    /** Never settles (MANUAL): the rows stay claimed until the subscription stops. */
    @ApplicationScoped
    public static class Hoarder {
        private final List<String> seen = new CopyOnWriteArrayList<>();

        @Incoming(value = "slow", connector = "outbox", ackPolicy = AckPolicy.MANUAL, maxInFlight = 10)
        void hold(String body, Message<String> m) {
            seen.add(body);
        }

        public List<String> seen() {
            return seen;
        }
    }

    /** Acks everything. */
    @ApplicationScoped
    public static class Finisher {
        private final List<String> seen = new CopyOnWriteArrayList<>();

        @Incoming(value = "slow", connector = "outbox")
        void finish(String body) {
            seen.add(body);
        }

        public List<String> seen() {
            return seen;
        }
    }

    @Test
    void stopReleasesUnsettledLeasesAndTheNextStartRelaysThem() {
        try (OutboxEnvironment env = OutboxEnvironment.create(OutboxEnvironment.Database.H2, config(
                "tributary.connectors.outbox.type", "outbox",
                "tributary.connectors.outbox.lease", "10m",
                "tributary.shutdown.timeout", "200ms"))) {
            env.boot(Writer.class, Hoarder.class);
            for (int i = 0; i < 3; i++) {
                env.bean(Writer.class).write("s" + i);
            }
            Hoarder hoarder = env.bean(Hoarder.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> hoarder.seen().size() == 3);
            assertThat(env.count("SELECT COUNT(*) FROM tributary_outbox WHERE lease_token IS NOT NULL")).isEqualTo(3);
            env.shutdown();
            assertThat(env.count("SELECT COUNT(*) FROM tributary_outbox WHERE lease_token IS NULL")).isEqualTo(3);

            env.boot(Writer.class, Finisher.class); // a lease of 10 minutes: only the release makes this quick
            Finisher finisher = env.bean(Finisher.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> finisher.seen().size() == 3);
            assertThat(finisher.seen()).containsExactlyInAnyOrder("s0", "s1", "s2");
            await().atMost(Duration.ofSeconds(5)).until(() -> env.count("SELECT COUNT(*) FROM tributary_outbox") == 0);
        }
    }

    @ApplicationScoped
    public static class Consumer {
        @Inject
        Outbox outbox;
        @Inject
        EntityManager em;

        public void consume(String id, boolean fail) throws IOException {
            em.persist(new Account(id, 1));
            outbox.publish(id, "slow");
            if (fail) {
                throw new IOException("checked failure");
            }
        }
    }

    @Test
    void transactionRunnerCommitsAndRollsBackWithTheOutboxRows() throws Exception {
        try (OutboxEnvironment env = OutboxEnvironment.start(OutboxEnvironment.Database.H2, config(
                "tributary.connectors.outbox.type", "outbox"), Consumer.class, Finisher.class)) {
            TransactionRunner runner = env.bean(TransactionRunner.class);
            Consumer consumer = env.bean(Consumer.class);
            assertThat(runner.required(() -> {
                consumer.consume("tx-ok", false);
                return "done";
            })).isEqualTo("done");
            Finisher finisher = env.bean(Finisher.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> finisher.seen().contains("tx-ok"));
            await().atMost(Duration.ofSeconds(5)).until(() -> env.count("SELECT COUNT(*) FROM tributary_outbox") == 0);
            long t0 = System.nanoTime();

            assertThatThrownBy(() -> runner.required(() -> {
                consumer.consume("tx-failed", true);
                return null;
            })).isInstanceOf(IOException.class).hasMessage("checked failure"); // rethrown unchanged
            assertThat(env.count("SELECT COUNT(*) FROM test_account WHERE id = 'tx-failed'")).isZero();
            assertThat(env.count("SELECT COUNT(*) FROM tributary_outbox")).isZero();
            System.out.println("rollback part took " + (System.nanoTime() - t0) / 1_000_000 + " ms");

            // a nested call joins the outer transaction: one rollback undoes both
            assertThatThrownBy(() -> runner.required(() -> {
                runner.required(() -> {
                    consumer.consume("nested-inner", false);
                    return null;
                });
                throw new IllegalStateException("outer fails");
            })).hasMessage("outer fails");
            assertThat(env.count("SELECT COUNT(*) FROM test_account WHERE id = 'nested-inner'")).isZero();
            assertThat(env.count("SELECT COUNT(*) FROM test_account WHERE id = 'tx-ok'")).isEqualTo(1);
            assertThat(finisher.seen()).containsExactly("tx-ok");
        }
    }
}
