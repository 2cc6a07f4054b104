package dev.tributary.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.AckPolicy;
import dev.tributary.SubscribeOptions;
import dev.tributary.spi.Health;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Contract area 8: a stopping application drains the handler in progress before the connector closes;
 * health is up while connected and down while the broker is gone; after a broker restart the connector
 * reconnects and consumption resumes; a publish to an unreachable broker fails its stage with a clear error
 * within the publish timeout ({@link TckProvider#publishTimeout()}) instead of hanging.
 */
public abstract class LifecycleContract extends TckContract {

    private static Health health(TckApp app) {
        return app.health().connectors().get(TckApp.CONNECTOR);
    }

    private void stopBroker() {
        try {
            env.stopBroker();
        } catch (Exception e) {
            throw new IllegalStateException("TCK: stopBroker() failed: " + e, e);
        }
    }

    private void restartBroker(TckApp app) {
        try {
            env.startBroker();
        } catch (Exception e) {
            throw new IllegalStateException("TCK: startBroker() failed: " + e, e);
        }
        await("the connector to report up after the broker restart").until(() -> health(app).up());
    }

    @Test
    void aStoppingApplicationDrainsTheHandlerInProgress() throws Exception {
        TckApp app = app();
        String a = address("drain");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        Inbox<String> inbox = new Inbox<>(m -> {
            running.countDown();
            awaitLatch(release);
            finished.set(true);
        });
        app.subscriptions().subscribe(SubscribeOptions.builder(a).ackPolicy(AckPolicy.ACK).build(), String.class, inbox);
        ObservedSubscription observed = app.connector().subscription(a);
        publishText(app, a, "in progress");
        assertThat(awaitLatch(running)).as("the handler started").isTrue();

        Thread stopper = new Thread(app::close, "tck-stopper");
        try {
            int pausesBefore = observed.pauses.get();
            stopper.start();
            // first the connector stops feeding; the subscription itself is stopped only after the drain
            await("consumption to stop").until(() -> observed.pauses.get() > pausesBefore || observed.stopCalled);
            assertThat(stopper.isAlive()).as("the application waits for the running handler").isTrue();
            assertThat(observed.delivered.get(0).outcome).as("not settled before the handler finished").isNull();
        } finally {
            release.countDown();
        }
        stopper.join(patience().toMillis());

        assertThat(stopper.isAlive()).as("the application stopped").isFalse();
        assertThat(finished).isTrue();
        assertThat(observed.stopCalled).as("the subscription was stopped").isTrue();
        // settled before the subscription stopped: the acknowledgement reached the broker
        assertThat(observed.delivered.get(0).outcome).isEqualTo(ObservedMessage.Outcome.ACK);
    }

    @Test
    void healthIsUpWhileConnected() {
        TckApp app = app();

        assertThat(health(app).up()).as("health: %s", health(app)).isTrue();
        assertThat(health(app).detail()).isNotNull();
        assertThat(app.health().isUp()).isTrue();
    }

    @Test
    void healthIsDownWhileTheBrokerIsGoneAndUpAfterItsRestart() {
        TckApp app = app();
        try {
            stopBroker();

            await("the connector to report down").until(() -> !health(app).up());
            assertThat(health(app).detail()).isNotBlank();
            assertThat(app.health().isUp()).isFalse();
        } finally {
            restartBroker(app);
        }
        assertThat(app.health().isUp()).isTrue();
    }

    @Test
    void consumptionResumesAfterABrokerRestart() {
        TckApp app = app();
        String a = address("reconnect");
        Inbox<String> inbox = new Inbox<>();
        app.subscriptions().subscribe(a, String.class, inbox);
        publishText(app, a, "before");
        await("the first message").until(() -> inbox.size() == 1);

        try {
            stopBroker();
            await("the connector to notice").until(() -> !health(app).up());
        } finally {
            restartBroker(app);
        }
        publishText(app, a, "after");

        await("the message published after the restart").until(() -> inbox.count("after") >= 1);
        // at-least-once: an acknowledgement the broker had not stored before it went down may bring "before"
        // back once more (Kafka: the asynchronous commit raced the stop); nothing is lost and order holds
        assertThat(inbox.bodies().stream().distinct().toList()).containsExactly("before", "after");
        assertThat(inbox.bodies().get(inbox.bodies().size() - 1)).isEqualTo("after");
    }

    @Test
    void aPublishToAStoppedBrokerFailsWithinThePublishTimeout() {
        TckApp app = app();
        String a = address("unreachable");
        Duration limit = env.provider.publishTimeout().plus(patience());
        try {
            stopBroker();

            long start = System.nanoTime();
            CompletableFuture<Void> publish = app.publishers().channel(a, String.class).publish("lost")
                    .toCompletableFuture();
            Throwable failure = publish.handle((v, t) -> t == null ? new AssertionError("TCK: the publish succeeded") : t)
                    .completeOnTimeout(null, limit.toMillis(), TimeUnit.MILLISECONDS).join();
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(failure).as("the publish must fail within %d ms, not hang", limit.toMillis()).isNotNull();
            assertThat(failure).as("the publish must fail").isNotInstanceOf(AssertionError.class);
            assertThat(publish).isCompletedExceptionally();
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            assertThat(cause.getMessage()).as("a clear error").isNotBlank();
            assertThat(took).isLessThanOrEqualTo(limit.toMillis());
        } finally {
            restartBroker(app);
        }
    }
}
