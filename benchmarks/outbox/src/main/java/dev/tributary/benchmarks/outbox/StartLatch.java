package dev.tributary.benchmarks.outbox;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.tributary.TributaryStarted;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Opens when Tributary reports every connector started and every subscription consuming. */
@Singleton
public class StartLatch {
    private final CountDownLatch started = new CountDownLatch(1);

    void on(@Observes TributaryStarted e) {
        started.countDown();
    }

    void await() throws InterruptedException {
        if (!started.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Tributary did not fire TributaryStarted within 60 s");
        }
    }
}
