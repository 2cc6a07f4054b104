package dev.tributary.spi;

import dev.tributary.AckPolicy;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;

/**
 * What to subscribe to, resolved by the runtime from annotations and configuration.
 *
 * @param channel the channel name (configuration key)
 * @param template the parsed address in the connector's syntax
 * @param ackPolicy the resolved policy (never {@code INHERIT}); {@code ACK_FIRST} lets a connector use
 *        broker-side auto-acknowledgement
 * @param maxWorkers concurrent handler invocations the runtime will run
 * @param maxInFlight the runtime's in-flight bound (the connector may size its prefetch from it)
 * @param options connector options: {@code tributary.channels.<name>.*} and dynamic-subscription options
 * @param annotations the handler method's annotations (a connector reads its own options annotation)
 */
public record SubscriptionSpec(String channel, AddressTemplate template, AckPolicy ackPolicy, int maxWorkers,
        int maxInFlight, Map<String, String> options, List<Annotation> annotations) {

    /** The address to subscribe to in the broker's syntax ({@link AddressTemplate#subscribeAddress()}). */
    public String address() {
        return template.subscribeAddress();
    }

    /** The connector's options annotation on the handler, if present. */
    public <A extends Annotation> A annotation(Class<A> type) {
        for (Annotation a : annotations) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }
}
