package dev.tributary.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tributary.Incoming;

/** Tributary consume handler of the pass-through cases: the body bytes as received, default ack policy. */
@ApplicationScoped
public class KafkaRawHandler {

    @Incoming(KafkaTributarySide.CONSUME_CHANNEL)
    public void handle(byte[] body) {
        KafkaRun run = KafkaRun.current;
        run.checksum.addAndGet(body.length);
        run.completed();
    }
}
