package dev.tributary.memory;

import static dev.tributary.memory.TestContext.connector;
import static dev.tributary.memory.TestContext.message;
import static dev.tributary.memory.TestContext.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.TributaryException;
import dev.tributary.spi.Sender;
import dev.tributary.spi.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** A full queue slows publishing down (max-queued) instead of growing without bound. */
class MemoryFlowControlTest {

    @Test
    void publishesBeyondMaxQueuedCompleteOnlyOnceTheQueueDrainedToHalf() {
        MemoryConnector c = connector("max-queued", "10");
        RecordingSink sink = RecordingSink.acking();
        Subscription s = c.subscribe(spec(c, "a"), sink);
        s.pause();
        Sender sender = c.sender(null);
        List<CompletableFuture<Void>> stages = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            stages.add(sender.send(message("a", "m" + i)).toCompletableFuture());
        }
        assertThat(stages.subList(0, 10)).allMatch(CompletableFuture::isDone);
        assertThat(stages.get(10)).isNotDone();
        assertThat(stages.get(11)).isNotDone();

        s.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> stages.get(11).isDone());
        assertThat(stages).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(sink.bodies()).hasSize(12);
    }

    @Test
    void aQueueThatStaysFullFailsThePublishWithACodeAfterThePublishTimeout() {
        MemoryConnector c = connector("max-queued", "1", "publish.timeout", "200ms");
        Subscription s = c.subscribe(spec(c, "a"), RecordingSink.acking());
        s.pause();
        Sender sender = c.sender(null);
        sender.send(message("a", "fits"));
        CompletableFuture<Void> waiting = sender.send(message("a", "too many")).toCompletableFuture();

        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> waiting.get(5, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(TributaryException.class);
        assertThat(((TributaryException) e.getCause()).code()).isEqualTo("TRB-MEM014");
    }
}
