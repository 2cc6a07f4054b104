package dev.tributary.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.SubscribeOptions;
import dev.tributary.spi.Capability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Contract area 7 ({@link Capability#PAUSE}): with a slow handler and a fast producer, the messages delivered
 * to the runtime and not yet settled never exceed the subscription's {@code maxInFlight}: once the runtime
 * pauses the subscription, the connector delivers nothing more until it resumes. Nothing is lost or
 * duplicated across pause/resume. A subscription that says {@code resumesInline()} never delivers on the thread
 * calling {@code resume()} (the runtime calls it from the thread that settled a message).
 */
public abstract class BackpressureContract extends TckContract {

    private List<String> publishMany(TckApp app, String address, int n) {
        List<String> sent = new ArrayList<>();
        List<CompletableFuture<Void>> accepted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add("m" + i);
            accepted.add(app.publishers().channel(address, String.class).publish("m" + i).toCompletableFuture());
        }
        complete(CompletableFuture.allOf(accepted.toArray(new CompletableFuture<?>[0])));
        return sent;
    }

    @Test
    void inFlightStaysWithinTheBoundUnderASlowHandler() {
        requires(Capability.PAUSE);
        TckApp app = app();
        String a = address("slow");
        int bound = 8;
        Semaphore gate = new Semaphore(0);
        Inbox<String> inbox = new Inbox<>(m -> gate.tryAcquire(patience().toMillis(), TimeUnit.MILLISECONDS));
        app.subscriptions().subscribe(SubscribeOptions.builder(a).maxInFlight(bound).build(), String.class, inbox);
        ObservedSubscription observed = app.connector().subscription(a);
        List<String> sent;
        try {
            sent = publishMany(app, a, 100);
            await("the first delivery").until(() -> !observed.delivered.isEmpty());
            // while the handler is stuck, the connector must not push past the bound (watched over a window)
            await("in flight to stay within " + bound).during(Duration.ofMillis(200)).atMost(patience().plusMillis(200))
                    .until(() -> observed.highWater.get() <= bound);
            assertThat(observed.delivered).as("delivered while the handler is stuck").hasSizeLessThanOrEqualTo(bound);
        } finally {
            gate.release(1_000);
        }

        await("every message handled").until(() -> inbox.size() == sent.size());
        assertThat(inbox.bodies()).containsExactlyElementsOf(sent);
        assertThat(observed.highWater.get()).as("highest in flight").isLessThanOrEqualTo(bound);
    }

    @Test
    void anInFlightBoundOfOneDeliversOneMessageAtATime() {
        requires(Capability.PAUSE);
        TckApp app = app();
        String a = address("one-in-flight");
        Inbox<String> inbox = new Inbox<>();
        app.subscriptions().subscribe(SubscribeOptions.builder(a).maxInFlight(1).build(), String.class, inbox);
        ObservedSubscription observed = app.connector().subscription(a);

        List<String> sent = publishMany(app, a, 30);

        await("every message handled").until(() -> inbox.size() == sent.size());
        assertThat(inbox.bodies()).containsExactlyElementsOf(sent);
        assertThat(observed.highWater.get()).isEqualTo(1);
    }

    @Test
    void manyPauseAndResumeCyclesLoseAndDuplicateNothing() {
        requires(Capability.PAUSE);
        TckApp app = app();
        String a = address("cycles");
        Inbox<String> inbox = new Inbox<>();
        app.subscriptions().subscribe(SubscribeOptions.builder(a).maxInFlight(4).build(), String.class, inbox);
        ObservedSubscription observed = app.connector().subscription(a);

        List<String> sent = publishMany(app, a, 500);

        await("every message handled").until(() -> inbox.size() >= sent.size());
        assertThat(inbox.bodies()).containsExactlyElementsOf(sent);
        assertThat(observed.highWater.get()).isLessThanOrEqualTo(4);
        assertThat(observed.deliveriesInsideInlineResume.get())
                .as("deliveries on the caller of resume() by a subscription that says resumesInline()").isZero();
    }
}
