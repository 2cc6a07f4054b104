package dev.tributary.outbox;

import static dev.tributary.outbox.testing.OutboxEnvironment.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.AckPolicy;
import dev.tributary.Incoming;
import dev.tributary.Message;
import dev.tributary.PublishOptions;
import dev.tributary.outbox.testing.OutboxEnvironment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Rows written while a relay of their queue runs in this JVM are committed already leased to it (token and lease end
 * set in the caller's transaction), so the fast path delivers them without a claim transaction. Proven through the
 * lease tokens the rows carry while their delivery is held: one token for all pre-leased rows of a subscription, a
 * fresh token per claim otherwise. Rows whose eligibility the claim rule must decide (delayed; keyed with ordered keys)
 * are not pre-leased, nor rows of a transaction that outlived half the lease.
 */
class PreLeasedFastPathTest {

    @ApplicationScoped
    public static class Writer {
        @Inject
        Outbox outbox;

        @Transactional
        public void write(String body, PublishOptions options) {
            outbox.publish(body, "held", options);
        }

        /** A transaction that lasts past half the 1 s lease after it wrote its row. */
        @Transactional
        public void writeSlowly(String body) {
            outbox.publish(body, "held");
            await().pollDelay(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> true);
        }
    }

    /** Holds every delivery (manual acks) until the test acks it, so the row's lease can be read meanwhile. */
    @ApplicationScoped
    public static class Holder {
        private final Map<String, Message<String>> byBody = new ConcurrentHashMap<>();
        private final List<String> order = new CopyOnWriteArrayList<>();

        @Incoming(value = "held", connector = "outbox", ackPolicy = AckPolicy.MANUAL)
        void on(String body, Message<String> m) {
            byBody.put(body, m);
            order.add(body);
        }

        void ackAll() {
            byBody.values().forEach(Message::ack);
        }

        // accessed through the bean's client proxy: methods, not fields
        int size() {
            return byBody.size();
        }

        boolean has(String body) {
            return byBody.containsKey(body);
        }

        Message<String> get(String body) {
            return byBody.get(body);
        }

        List<String> order() {
            return List.copyOf(order);
        }
    }

    @Test
    void committedRowsArriveLeasedToTheRelaySoNoClaimIsNeeded() {
        try (OutboxEnvironment env = OutboxEnvironment.start(OutboxEnvironment.Database.H2, config(
                "tributary.connectors.outbox.type", "outbox",
                "tributary.connectors.outbox.poll-interval", "1h"), Writer.class, Holder.class)) {
            Writer writer = env.bean(Writer.class);
            Holder holder = env.bean(Holder.class);
            for (int i = 0; i < 3; i++) {
                writer.write("row-" + i, PublishOptions.none());
                int want = i + 1;
                // each row is delivered before the next is written: separate claims would stamp separate tokens
                await().atMost(Duration.ofSeconds(5)).until(() -> holder.size() == want);
            }
            String t0 = token(env, holder.get("row-0"));
            assertThat(t0).isNotNull();
            assertThat(token(env, holder.get("row-1"))).isEqualTo(t0);
            assertThat(token(env, holder.get("row-2"))).isEqualTo(t0);
            assertThat(env.count("SELECT COUNT(*) FROM tributary_outbox WHERE lease_until > "
                    + System.currentTimeMillis())).isEqualTo(3);
            holder.ackAll();
            await().atMost(Duration.ofSeconds(5)).until(() -> env.count("SELECT COUNT(*) FROM tributary_outbox") == 0);
            assertThat(holder.order()).containsExactly("row-0", "row-1", "row-2");
        }
    }

    @Test
    void delayedRowsAndKeyedRowsAreLeftToTheClaimRule() {
        try (OutboxEnvironment env = OutboxEnvironment.start(OutboxEnvironment.Database.H2, config(
                "tributary.connectors.outbox.type", "outbox",
                "tributary.connectors.outbox.poll-interval", "1h"), Writer.class, Holder.class)) {
            Writer writer = env.bean(Writer.class);
            Holder holder = env.bean(Holder.class);
            writer.write("plain", PublishOptions.none());
            writer.write("keyed", PublishOptions.builder().key("k").build());
            writer.write("delayed", PublishOptions.builder().option(Outbox.NOT_BEFORE, Duration.ofHours(1)).build());
            await().atMost(Duration.ofSeconds(5)).until(() -> holder.size() == 2);
            String preLeased = token(env, holder.get("plain"));
            String claimed = token(env, holder.get("keyed"));
            assertThat(preLeased).isNotNull();
            assertThat(claimed).isNotNull().isNotEqualTo(preLeased);
            // the delayed row is committed without a lease and waits for its time
            assertThat(env.count("SELECT COUNT(*) FROM tributary_outbox WHERE lease_token IS NULL")).isEqualTo(1);
            assertThat(holder.has("delayed")).isFalse();
        }
    }

    @Test
    void rowsOfATransactionThatOutlivedHalfTheLeaseAreGivenBackAndClaimed() {
        try (OutboxEnvironment env = OutboxEnvironment.start(OutboxEnvironment.Database.H2, config(
                "tributary.connectors.outbox.type", "outbox",
                "tributary.connectors.outbox.lease", "1s",
                "tributary.connectors.outbox.poll-interval", "200ms"), Writer.class, Holder.class)) {
            Writer writer = env.bean(Writer.class);
            Holder holder = env.bean(Holder.class);
            writer.write("quick", PublishOptions.none());
            await().atMost(Duration.ofSeconds(5)).until(() -> holder.has("quick"));
            String preLeased = token(env, holder.get("quick"));
            writer.writeSlowly("slow");
            await().atMost(Duration.ofSeconds(5)).until(() -> holder.has("slow"));
            // delivered once, under a claim's own lease rather than the stale one written with it
            assertThat(token(env, holder.get("slow"))).isNotNull().isNotEqualTo(preLeased);
            holder.ackAll();
            await().atMost(Duration.ofSeconds(5)).until(() -> env.count("SELECT COUNT(*) FROM tributary_outbox") == 0);
            assertThat(holder.order()).containsExactly("quick", "slow");
        }
    }

    private static String token(OutboxEnvironment env, Message<String> m) {
        try (Connection c = env.connect();
                PreparedStatement s = c.prepareStatement("SELECT lease_token FROM tributary_outbox WHERE id = ?")) {
            s.setString(1, m.messageId());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
