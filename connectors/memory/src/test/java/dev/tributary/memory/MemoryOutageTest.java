package dev.tributary.memory;

import static dev.tributary.memory.TestContext.connector;
import static dev.tributary.memory.TestContext.message;
import static dev.tributary.memory.TestContext.send;
import static dev.tributary.memory.TestContext.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.TributaryException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A simulated outage of a shared broker: health down, publishes fail, consumption resumes afterwards. */
class MemoryOutageTest {

    @Test
    void anOutageFailsPublishesAndTurnsHealthDownUntilItEnds() {
        String broker = "outage-" + UUID.randomUUID();
        MemoryConnector c = connector("broker", broker);
        MemoryConnector privateOne = connector();
        RecordingSink sink = RecordingSink.acking();
        c.subscribe(spec(c, "a"), sink);
        try {
            MemoryConnector.simulateOutage(broker);

            assertThat(c.health().up()).isFalse();
            assertThat(c.health().detail()).contains("TRB-MEM013", broker);
            assertThat(privateOne.health().up()).as("a private broker has no outage").isTrue();
            CompletableFuture<Void> failed = c.sender(null).send(message("a", "lost")).toCompletableFuture();
            assertThat(failed).isCompletedExceptionally();
            assertThat(failed.handle((v, t) -> t.getCause()).join()).isInstanceOf(TributaryException.class)
                    .hasMessageContaining("TRB-MEM013");

            MemoryConnector.endOutage(broker);

            assertThat(c.health().up()).isTrue();
            send(c, "a", "after");
            assertThat(sink.messages).hasSize(1);
            assertThat(new String(sink.messages.get(0).body(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("after");
        } finally {
            MemoryConnector.endOutage(broker);
            c.close(Duration.ofSeconds(1));
            privateOne.close(Duration.ofSeconds(1));
        }
    }
}
