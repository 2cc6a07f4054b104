package dev.tributary.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.tributary.Channel;
import dev.tributary.Publisher;

/**
 * The Tributary producers of the Kafka benchmark, injected with {@code @Channel} as an application would. Each
 * channel's address (the case's topic) comes from {@code tributary.channels.<channel>.address}. The raw channels
 * publish {@code byte[]} (passed through, no content type); the JSON channels publish a {@link Quote}, encoded by the
 * default JSON-B codec. The {@code -cid} channels have the connector option {@code correlation-id=always}.
 */
@ApplicationScoped
public class KafkaPublishers {

    @Inject
    @Channel("produce-raw-1p")
    Publisher<byte[]> raw1p;

    @Inject
    @Channel("produce-raw-4p")
    Publisher<byte[]> raw4p;

    @Inject
    @Channel("produce-raw-1p-cid")
    Publisher<byte[]> raw1pCid;

    @Inject
    @Channel("produce-raw-4p-cid")
    Publisher<byte[]> raw4pCid;

    @Inject
    @Channel("produce-json-1p")
    Publisher<Quote> json1p;

    @Inject
    @Channel("produce-json-4p")
    Publisher<Quote> json4p;

    Publisher<byte[]> raw(KafkaCase c) {
        if (c.correlationId) {
            return c.partitions == 1 ? raw1pCid : raw4pCid;
        }
        return c.partitions == 1 ? raw1p : raw4p;
    }

    Publisher<Quote> json(int partitions) {
        return partitions == 1 ? json1p : json4p;
    }
}
