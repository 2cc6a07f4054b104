package dev.tributary.tck;

import dev.tributary.Incoming;
import dev.tributary.RejectMessage;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers requests on the channel {@value #CHANNEL} (its address remapped per test): {@code "echo:" + body},
 * echoing the correlation id. A body starting with {@code silent} gets no answer (the message is rejected).
 */
@ApplicationScoped
class EchoResponder {
    static final String CHANNEL = "tck-echo";

    @Incoming(CHANNEL)
    String echo(String body) {
        if (body != null && body.startsWith("silent")) {
            throw new RejectMessage("the test wants no answer");
        }
        return "echo:" + body;
    }
}
