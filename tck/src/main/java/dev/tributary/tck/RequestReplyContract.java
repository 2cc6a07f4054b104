package dev.tributary.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.Message;
import dev.tributary.PublishOptions;
import dev.tributary.Publisher;
import dev.tributary.RequestTimeoutException;
import dev.tributary.spi.Capability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Contract area 3 ({@link Capability#REQUEST_REPLY}): a request gets its own reply, also with 100 requests
 * in flight at once; a request nobody answers fails with {@link RequestTimeoutException} and leaves nothing
 * behind (a later request with the same correlation id works).
 */
public abstract class RequestReplyContract extends TckContract {

    private TckApp echoApp(String address) {
        return app(Map.of("tributary.channels." + EchoResponder.CHANNEL + ".address", address), EchoResponder.class);
    }

    @Test
    void aRequestGetsItsReply() {
        requires(Capability.REQUEST_REPLY);
        String a = address("request");
        TckApp app = echoApp(a);
        Publisher<String> requests = app.publishers().channel(a, String.class);

        String reply = complete(requests.request("ping", String.class, patience()));

        assertThat(reply).isEqualTo("echo:ping");
    }

    @Test
    void hundredConcurrentRequestsEachGetTheirOwnReply() {
        requires(Capability.REQUEST_REPLY);
        String a = address("requests");
        TckApp app = echoApp(a);
        Publisher<String> requests = app.publishers().channel(a, String.class);

        List<CompletableFuture<Message<String>>> replies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            replies.add(requests.request("r" + i, PublishOptions.none(), String.class, patience()).toCompletableFuture());
        }

        complete(CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0])));
        for (int i = 0; i < 100; i++) {
            assertThat(replies.get(i).join().body()).as("reply %d", i).isEqualTo("echo:r" + i);
        }
    }

    @Test
    void aRequestNobodyAnswersTimesOutAndLeavesNothingBehind() {
        requires(Capability.REQUEST_REPLY);
        String a = address("unanswered");
        TckApp app = echoApp(a);
        Publisher<String> requests = app.publishers().channel(a, String.class);
        String cid = "tck-timeout-" + UUID.randomUUID();
        Duration timeout = Duration.ofMillis(300);

        long start = System.nanoTime();
        CompletableFuture<Message<String>> silent = requests
                .request("silent", PublishOptions.builder().correlationId(cid).build(), String.class, timeout)
                .toCompletableFuture();
        Throwable failure = silent.handle((v, t) -> t)
                .completeOnTimeout(null, timeout.toMillis() + patience().toMillis(), TimeUnit.MILLISECONDS).join();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(failure).as("the request must fail, not hang").isNotNull();
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        assertThat(cause).isInstanceOf(RequestTimeoutException.class).hasMessageContaining("TRB-RUN031");
        assertThat(tookMillis).isGreaterThanOrEqualTo(timeout.toMillis() - 50);
        // nothing left behind: the same correlation id can wait for a reply again
        Message<String> again = complete(requests.request("ping",
                PublishOptions.builder().correlationId(cid).build(), String.class, patience()));
        assertThat(again.body()).isEqualTo("echo:ping");
        assertThat(again.correlationId()).isEqualTo(cid);
    }
}
