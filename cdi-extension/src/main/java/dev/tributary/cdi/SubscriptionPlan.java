package dev.tributary.cdi;

import dev.tributary.AckPolicy;
import dev.tributary.spi.AddressTemplate;
import dev.tributary.spi.Connector;
import dev.tributary.spi.SubscriptionSpec;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One subscription as validated: connector, address, settings and the handlers sharing it (filtered
 * handlers in filter order, the fallback last). Built during deployment; read-only afterwards.
 */
final class SubscriptionPlan {
    final String connectorName;
    final Connector connector;
    final String channel;
    final AddressTemplate template;
    final AckPolicy policy;
    final int maxWorkers;
    final int maxInFlight;
    final Map<String, String> options;
    final List<Annotation> annotations;
    final List<Handler> handlers = new ArrayList<>();
    /** Messages per handler call; 0: one at a time. */
    final int batchSize;
    /** With a batch size: the longest a started batch waits for more; else {@code null}. */
    final java.time.Duration batchWait;

    SubscriptionPlan(String connectorName, Connector connector, String channel, AddressTemplate template,
            AckPolicy policy, int maxWorkers, int maxInFlight, Map<String, String> options, List<Annotation> annotations,
            int batchSize, java.time.Duration batchWait) {
        this.batchSize = batchSize;
        this.batchWait = batchWait;
        this.connectorName = connectorName;
        this.connector = connector;
        this.channel = channel;
        this.template = template;
        this.policy = policy;
        this.maxWorkers = maxWorkers;
        this.maxInFlight = maxInFlight;
        this.options = options;
        this.annotations = annotations;
    }

    SubscriptionSpec spec() {
        return new SubscriptionSpec(channel, template, policy, maxWorkers, maxInFlight, options, annotations);
    }

    Handler[] orderedHandlers() {
        List<Handler> sorted = new ArrayList<>(handlers);
        sorted.sort(Comparator.comparing((Handler h) -> h.filter == null)
                .thenComparingInt(h -> h.filter == null ? 0 : h.filter.order)
                .thenComparing(h -> h.beanClass.getName())
                .thenComparing(h -> h.method == null ? "" : h.method.getName()));
        return sorted.toArray(new Handler[0]);
    }
}
