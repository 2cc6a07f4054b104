package dev.tributary.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.PublishOptions;
import dev.tributary.SubscribeOptions;
import dev.tributary.spi.Capability;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Contract area 5: {@code maxWorkers > 1} really runs handlers in parallel (the connector keeps delivering
 * while earlier messages are unsettled); one worker handles one message at a time in publish order; with
 * several workers order holds per ordering key ({@link Capability#ORDERING_KEY}).
 */
public abstract class ConcurrencyContract extends TckContract {

    @Test
    void maxWorkersRunHandlersInParallel() {
        TckApp app = app();
        String a = address("parallel");
        int workers = 4;
        AtomicInteger now = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Inbox<String> inbox = new Inbox<>(m -> {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                awaitLatch(release);
            } finally {
                now.decrementAndGet();
            }
        });
        app.subscriptions().subscribe(SubscribeOptions.builder(a).maxWorkers(workers).build(), String.class, inbox);
        try {
            for (int i = 0; i < workers; i++) {
                publishText(app, a, "p" + i);
            }

            await(workers + " handlers running at once").until(() -> max.get() == workers);
        } finally {
            release.countDown();
        }
        await("every message handled").until(() -> inbox.size() == workers);
    }

    @Test
    void oneWorkerHandlesOneMessageAtATimeInPublishOrder() {
        TckApp app = app();
        String a = address("ordered");
        AtomicInteger now = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        Inbox<String> inbox = new Inbox<>(m -> {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
            now.decrementAndGet();
        });
        app.subscriptions().subscribe(SubscribeOptions.builder(a).maxWorkers(1).build(), String.class, inbox);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add("m" + i);
            publishText(app, a, "m" + i);
        }

        await("every message handled").until(() -> inbox.size() == sent.size());
        assertThat(inbox.bodies()).containsExactlyElementsOf(sent);
        assertThat(max.get()).isEqualTo(1);
    }

    @Test
    void orderHoldsPerKeyWithSeveralWorkers() {
        requires(Capability.ORDERING_KEY);
        TckApp app = app();
        String a = address("keyed");
        Map<String, List<Integer>> perKey = new ConcurrentHashMap<>();
        Inbox<String> inbox = new Inbox<>(m -> {
            String[] parts = m.body().split(":");
            assertThat(m.key()).isEqualTo(parts[0]);
            perKey.computeIfAbsent(parts[0], k -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(parts[1]));
        });
        app.subscriptions().subscribe(SubscribeOptions.builder(a).maxWorkers(4).build(), String.class, inbox);
        int perKeyCount = 25;
        List<String> keys = List.of("k0", "k1", "k2", "k3", "k4");
        for (int i = 0; i < perKeyCount; i++) {
            for (String k : keys) {
                publishText(app, a, k + ":" + i, PublishOptions.builder().key(k).build());
            }
        }

        await("every message handled").until(() -> inbox.size() == perKeyCount * keys.size());
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < perKeyCount; i++) {
            expected.add(i);
        }
        for (String k : keys) {
            assertThat(perKey.get(k)).as("order of key %s", k).containsExactlyElementsOf(expected);
        }
    }
}
