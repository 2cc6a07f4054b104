package dev.tributary.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tributary.Incoming;

/** Tributary consume handler of the JSON cases: a {@link Quote} decoded by the default codec, default ack policy. */
@ApplicationScoped
public class KafkaJsonHandler {

    @Incoming(KafkaTributarySide.CONSUME_CHANNEL)
    public void handle(Quote quote) {
        KafkaRun run = KafkaRun.current;
        run.checksum.addAndGet(quote.quantity());
        run.completed();
    }
}
