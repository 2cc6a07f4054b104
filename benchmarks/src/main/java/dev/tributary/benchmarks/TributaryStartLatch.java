package dev.tributary.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.tributary.TributaryStarted;

/** Opens when Tributary reports every subscription consuming, so no benchmark message is published earlier. */
@Singleton
public class TributaryStartLatch {

    private final CountDownLatch started = new CountDownLatch(1);
    private volatile TributaryStarted event;

    void on(@Observes TributaryStarted e) {
        event = e;
        started.countDown();
    }

    TributaryStarted await() throws InterruptedException {
        if (!started.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Tributary did not fire TributaryStarted within 30 s");
        }
        return event;
    }
}
