package dev.tributary.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.tributary.Incoming;

/**
 * The Tributary side: two {@code @Incoming} handlers on the in-memory connector. The JSON handler takes
 * the decoded {@link Quote} (Tributary's default codec does the Yasson decode before the call); the raw
 * handler takes the body bytes unchanged. Defaults everywhere: one worker per subscription (ordered),
 * the connector's default ack policy.
 */
@ApplicationScoped
public class TributaryHandlers {

    @Inject
    Progress progress;

    @Incoming(TributaryState.JSON_CHANNEL)
    public void json(Quote quote) {
        progress.handled(quote.quantity());
    }

    @Incoming(TributaryState.RAW_CHANNEL)
    public void raw(byte[] body) {
        progress.handled(body.length);
    }
}
