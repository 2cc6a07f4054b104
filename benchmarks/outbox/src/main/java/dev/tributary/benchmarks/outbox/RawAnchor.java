package dev.tributary.benchmarks.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling: a plain KafkaProducer in this JVM, same producer settings as the relay's connector, sending the same
 * N 100-byte records to a topic of one partition. Time from the first send to the last callback.
 */
final class RawAnchor implements AutoCloseable {
    static final String TOPIC = "bench-raw";

    private final KafkaProducer<byte[], byte[]> producer;

    RawAnchor(String bootstrap, int lingerMs) {
        Map<String, Object> p = new HashMap<>(RelaySettings.producer(lingerMs));
        p.put("bootstrap.servers", bootstrap);
        p.put("delivery.timeout.ms", "30000");
        p.put("max.block.ms", "30000");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** @return records per second */
    double run(int n) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(n);
        AtomicLong last = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            producer.send(new ProducerRecord<>(TOPIC, Bodies.of(i)), (meta, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                last.set(System.nanoTime());
                done.countDown();
            });
        }
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("raw producer: " + done.getCount() + " of " + n + " unacknowledged after 60 s");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("raw producer failed", failure.get());
        }
        return n / ((last.get() - start) / 1e9);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
