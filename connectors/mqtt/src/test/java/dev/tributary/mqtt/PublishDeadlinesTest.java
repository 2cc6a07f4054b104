package dev.tributary.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.TributaryException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publish timeout without a timer per publish: late publishes fail, answered ones are forgotten, close fails the rest. */
class PublishDeadlinesTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static TributaryException timeout() {
        return new TributaryException("TRB-MQT007", "late");
    }

    @Test
    void anUnansweredPublishFailsAfterTheTimeoutAndAnAnsweredOneIsDropped() throws Exception {
        PublishDeadlines deadlines = new PublishDeadlines(scheduler, 200);
        CompletableFuture<Void> answered = new CompletableFuture<>();
        CompletableFuture<Void> unanswered = new CompletableFuture<>();
        long start = System.nanoTime();
        deadlines.track(answered, PublishDeadlinesTest::timeout);
        deadlines.track(unanswered, PublishDeadlinesTest::timeout);
        answered.complete(null);

        await().atMost(Duration.ofSeconds(5)).until(unanswered::isDone);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(waitedMillis).isGreaterThanOrEqualTo(200);
        assertThat(unanswered).isCompletedExceptionally();
        try {
            unanswered.get();
        } catch (ExecutionException e) {
            assertThat(((TributaryException) e.getCause()).code()).isEqualTo("TRB-MQT007");
        }
        assertThat(answered).isCompletedWithValue(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> deadlines.size() == 0);
    }

    @Test
    void laterPublishesWaitForTheirOwnDeadline() {
        PublishDeadlines deadlines = new PublishDeadlines(scheduler, 60_000);
        CompletableFuture<Void> p = new CompletableFuture<>();
        deadlines.track(p, PublishDeadlinesTest::timeout);
        deadlines.check();
        assertThat(p).isNotDone();
        assertThat(deadlines.size()).isEqualTo(1);
    }

    @Test
    void closeFailsWhatStillWaits() {
        PublishDeadlines deadlines = new PublishDeadlines(scheduler, 60_000);
        CompletableFuture<Void> p = new CompletableFuture<>();
        deadlines.track(p, PublishDeadlinesTest::timeout);
        deadlines.close(() -> new TributaryException("TRB-MQT002", "closed"));
        assertThat(p).isCompletedExceptionally();
        assertThat(deadlines.size()).isZero();
    }
}
