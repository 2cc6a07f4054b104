package dev.tributary.cdi;

import dev.tributary.spi.Health;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * The health of Tributary's connectors and subscriptions, for readiness probes: {@code @Inject TributaryHealth
 * health; health.isUp()}. Cheap; may be called often from any thread. Asking before the deployment started
 * reports the connectors as they are (not yet connected).
 */
@Dependent
public class TributaryHealth {
    private final TributaryExtension extension;

    @Inject
    TributaryHealth(TributaryExtension extension) {
        this.extension = extension;
    }

    /** Each connector's health, by connector name. */
    public Map<String, Health> connectors() {
        return extension.runtime().health();
    }

    /** The channels of subscriptions that failed and stopped consuming. */
    public List<String> downSubscriptions() {
        return extension.runtime().downSubscriptions();
    }

    /** Whether every connector is up and no subscription is down. */
    public boolean isUp() {
        return connectors().values().stream().allMatch(Health::up) && downSubscriptions().isEmpty();
    }
}
