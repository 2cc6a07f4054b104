package dev.tributary.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.AckPolicy;
import dev.tributary.DynamicSubscription;
import dev.tributary.Message;
import dev.tributary.NackMessage;
import dev.tributary.RejectMessage;
import dev.tributary.SubscribeOptions;
import dev.tributary.spi.Capability;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Contract area 4: what each {@link AckPolicy} does with the broker. Ack and reject do not redeliver; nack
 * redelivers ({@link Capability#NACK_REDELIVERY}); {@link AckPolicy#MANUAL} settlement is idempotent; a
 * message not settled when its subscription stops goes to the next subscription
 * ({@link Capability#REDELIVERY_AFTER_RESTART}, with {@link TckProvider#durableSubscriptionOptions}).
 *
 * <p>"Not redelivered" is checked with a marker: once the first message is settled a second one is published,
 * and when the marker has been handled the first must have been handled exactly once.
 */
public abstract class AckContract extends TckContract {

    private static final String FIRST = "first";
    private static final String MARKER = "marker";

    private <T> DynamicSubscription subscribe(TckApp app, String address, AckPolicy policy, Inbox<String> inbox,
            Map<String, String> options) {
        SubscribeOptions.Builder b = SubscribeOptions.builder(address).ackPolicy(policy);
        options.forEach(b::option);
        return app.subscriptions().subscribe(b.build(), String.class, inbox);
    }

    private ObservedMessage firstSettled(TckApp app, String address) {
        ObservedSubscription s = app.connector().subscription(address);
        await("the first message to be settled").until(() -> !s.withBody(FIRST).isEmpty()
                && s.withBody(FIRST).get(0).outcome != null);
        return s.withBody(FIRST).get(0);
    }

    /** Publishes the marker once the first message is settled and returns when it was handled. */
    private void awaitMarker(TckApp app, String address, Inbox<String> inbox) {
        firstSettled(app, address);
        publishText(app, address, MARKER);
        await("the marker to be handled").until(() -> inbox.count(MARKER) == 1);
    }

    private void failedMessageIsNotRedelivered(AckPolicy policy, ObservedMessage.Outcome expected) {
        TckApp app = app();
        String a = address("ack-" + policy.name().toLowerCase(java.util.Locale.ROOT));
        Inbox<String> inbox = new Inbox<>(m -> {
            if (FIRST.equals(m.body())) {
                throw new IllegalStateException("TCK: handler failure on purpose");
            }
        });
        subscribe(app, a, policy, inbox, Map.of());

        publishText(app, a, FIRST);
        awaitMarker(app, a, inbox);

        assertThat(inbox.count(FIRST)).as("deliveries of the failed message").isEqualTo(1);
        assertThat(firstSettled(app, a).outcome).isEqualTo(expected);
    }

    @Test
    void ackFirstDoesNotRedeliverAFailedMessage() {
        failedMessageIsNotRedelivered(AckPolicy.ACK_FIRST, ObservedMessage.Outcome.ACK);
    }

    @Test
    void ackDoesNotRedeliverAFailedMessage() {
        failedMessageIsNotRedelivered(AckPolicy.ACK, ObservedMessage.Outcome.ACK);
    }

    @Test
    void rejectOnErrorDropsAFailedMessage() {
        failedMessageIsNotRedelivered(AckPolicy.REJECT_ON_ERROR, ObservedMessage.Outcome.REJECT);
    }

    @Test
    void successIsAckedOnceUnderEveryAutomaticPolicy() {
        TckApp app = app();
        for (AckPolicy policy : List.of(AckPolicy.ACK_FIRST, AckPolicy.ACK, AckPolicy.REJECT_ON_ERROR,
                AckPolicy.NACK_ON_ERROR)) {
            String a = address("ok-" + policy.name().toLowerCase(java.util.Locale.ROOT));
            Inbox<String> inbox = new Inbox<>();
            subscribe(app, a, policy, inbox, Map.of());

            publishText(app, a, FIRST);
            awaitMarker(app, a, inbox);

            assertThat(inbox.count(FIRST)).as("%s deliveries", policy).isEqualTo(1);
            assertThat(firstSettled(app, a).outcome).as("%s outcome", policy).isEqualTo(ObservedMessage.Outcome.ACK);
        }
    }

    @Test
    void nackOnErrorRedeliversAFailedMessage() {
        requires(Capability.NACK_REDELIVERY);
        TckApp app = app();
        String a = address("nack-on-error");
        AtomicInteger attempts = new AtomicInteger();
        Inbox<String> inbox = new Inbox<>(m -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("TCK: first attempt fails on purpose");
            }
        });
        subscribe(app, a, AckPolicy.NACK_ON_ERROR, inbox, Map.of());

        publishText(app, a, FIRST);

        await("the redelivery").until(() -> inbox.count(FIRST) == 2);
        List<ObservedMessage> seen = app.connector().subscription(a).withBody(FIRST);
        await("the redelivered message to be acked").until(() -> seen.get(seen.size() - 1).outcome != null);
        assertThat(seen.get(0).outcome).isEqualTo(ObservedMessage.Outcome.NACK);
        assertThat(seen.get(seen.size() - 1).outcome).isEqualTo(ObservedMessage.Outcome.ACK);
    }

    @Test
    void aThrownNackMessageRedeliversUnderAnyPolicy() {
        requires(Capability.NACK_REDELIVERY);
        TckApp app = app();
        String a = address("nack-thrown");
        AtomicInteger attempts = new AtomicInteger();
        Inbox<String> inbox = new Inbox<>(m -> {
            if (attempts.incrementAndGet() == 1) {
                throw new NackMessage("TCK: redeliver, please");
            }
        });
        subscribe(app, a, AckPolicy.REJECT_ON_ERROR, inbox, Map.of());

        publishText(app, a, FIRST);

        await("the redelivery").until(() -> inbox.count(FIRST) == 2);
    }

    @Test
    void aThrownRejectMessageIsNotRedelivered() {
        TckApp app = app();
        String a = address("reject-thrown");
        Inbox<String> inbox = new Inbox<>(m -> {
            if (FIRST.equals(m.body())) {
                throw new RejectMessage("TCK: drop it");
            }
        });
        subscribe(app, a, AckPolicy.NACK_ON_ERROR, inbox, Map.of());

        publishText(app, a, FIRST);
        awaitMarker(app, a, inbox);

        assertThat(inbox.count(FIRST)).isEqualTo(1);
        assertThat(firstSettled(app, a).outcome).isEqualTo(ObservedMessage.Outcome.REJECT);
    }

    @Test
    void manualAckIsIdempotentAndTheFirstCallWins() {
        TckApp app = app();
        String a = address("manual-ack");
        Inbox<String> inbox = new Inbox<>(m -> {
            if (MARKER.equals(m.body())) {
                m.ack();
            }
        });
        subscribe(app, a, AckPolicy.MANUAL, inbox, Map.of());
        publishText(app, a, FIRST);
        await("the message to arrive").until(() -> inbox.size() == 1);
        Message<String> m = inbox.get(0);
        assertThat(m.isSettled()).as("MANUAL: nothing settles it but the handler").isFalse();

        CompletionStage<Void> first = m.ack();
        CompletionStage<Void> second = m.ack();
        m.nack();
        m.reject();

        complete(first);
        complete(second);
        assertThat(m.isSettled()).isTrue();
        awaitMarker(app, a, inbox);
        ObservedMessage observed = firstSettled(app, a);
        assertThat(observed.outcome).isEqualTo(ObservedMessage.Outcome.ACK);
        assertThat(observed.settleCalls.get()).as("settlements the connector saw").isEqualTo(1);
        assertThat(inbox.count(FIRST)).isEqualTo(1);
    }

    @Test
    void manualNackRedelivers() {
        requires(Capability.NACK_REDELIVERY);
        TckApp app = app();
        String a = address("manual-nack");
        AtomicInteger attempts = new AtomicInteger();
        Inbox<String> inbox = new Inbox<>(m -> {
            if (attempts.incrementAndGet() == 1) {
                m.nack();
            } else {
                m.ack();
            }
        });
        subscribe(app, a, AckPolicy.MANUAL, inbox, Map.of());

        publishText(app, a, FIRST);

        await("the redelivery").until(() -> inbox.count(FIRST) == 2);
    }

    @Test
    void anUnsettledMessageIsRedeliveredAfterTheSubscriptionRestarts() {
        requires(Capability.REDELIVERY_AFTER_RESTART);
        String a = address("restart-unsettled");
        Map<String, String> durable = env.provider.durableSubscriptionOptions("tck-" + a);
        // the first subscription leaves its message unsettled: do not wait long for it when closing
        TckApp app = app(Map.of("tributary.shutdown.timeout", "200ms"));
        Inbox<String> first = new Inbox<>();
        DynamicSubscription s1 = subscribe(app, a, AckPolicy.MANUAL, first, durable);
        publishText(app, a, FIRST);
        await("the first delivery").until(() -> first.size() == 1);

        s1.close();
        Inbox<String> second = new Inbox<>(m -> m.ack());
        subscribe(app, a, AckPolicy.MANUAL, second, durable);

        await("the redelivery to the next subscription").until(() -> second.count(FIRST) == 1);
    }

    @Test
    void ackPolicyKeepsAMessageWhoseHandlerIsStillRunning() throws Exception {
        requires(Capability.REDELIVERY_AFTER_RESTART);
        String a = address("restart-running");
        Map<String, String> durable = env.provider.durableSubscriptionOptions("tck-" + a);
        // a short graceful timeout: closing gives up waiting for the blocked handler and stops the subscription
        TckApp app = app(Map.of("tributary.shutdown.timeout", "300ms"));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Inbox<String> first = new Inbox<>(m -> {
            running.countDown();
            awaitLatch(release);
        });
        DynamicSubscription s1 = subscribe(app, a, AckPolicy.ACK, first, durable);
        Thread closer = new Thread(s1::close, "tck-closer");
        try {
            publishText(app, a, FIRST);
            assertThat(awaitLatch(running)).as("the handler started").isTrue();

            closer.start(); // stops feeding, waits for the running handler (300 ms), then stops the subscription
            ObservedSubscription observed = app.connector().subscriptions(a).get(0);
            await("the subscription to stop").until(() -> observed.stopCalled);
            Inbox<String> second = new Inbox<>();
            subscribe(app, a, AckPolicy.ACK, second, durable);

            await("the redelivery of the message whose handler had not finished").until(() -> second.count(FIRST) == 1);
        } finally {
            release.countDown();
            closer.join(patience().toMillis());
        }
    }

    @Test
    void ackedMessagesAreNotRedeliveredAfterTheSubscriptionRestarts() {
        requires(Capability.REDELIVERY_AFTER_RESTART);
        String a = address("restart-acked");
        Map<String, String> durable = env.provider.durableSubscriptionOptions("tck-" + a);
        TckApp app = app();
        Inbox<String> first = new Inbox<>();
        DynamicSubscription s1 = subscribe(app, a, AckPolicy.ACK, first, durable);
        publishText(app, a, FIRST);
        assertThat(firstSettled(app, a).outcome).isEqualTo(ObservedMessage.Outcome.ACK);

        s1.close();
        Inbox<String> second = new Inbox<>();
        subscribe(app, a, AckPolicy.ACK, second, durable);
        publishText(app, a, MARKER);

        await("the marker").until(() -> second.count(MARKER) == 1);
        assertThat(second.count(FIRST)).as("redeliveries of an acked message").isZero();
    }
}
