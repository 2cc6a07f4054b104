package dev.tributary.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.tributary.Channel;
import dev.tributary.Publisher;

/**
 * Where the benchmark gets its publishers: ordinary {@code @Inject @Channel} injection, as an
 * application would. Both publish pre-encoded bytes: the JSON case measures the decode on the consuming
 * side, as on SmallRye (whose in-memory source takes the same bytes).
 */
@ApplicationScoped
public class TributaryPublishers {

    @Inject
    @Channel(TributaryState.JSON_CHANNEL)
    Publisher<byte[]> json;

    @Inject
    @Channel(TributaryState.RAW_CHANNEL)
    Publisher<byte[]> raw;

    public Publisher<byte[]> json() {
        return json;
    }

    public Publisher<byte[]> raw() {
        return raw;
    }
}
