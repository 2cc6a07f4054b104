package dev.tributary.cdi;

import dev.tributary.Publisher;
import dev.tributary.Publishers;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** The {@link Publishers} bean: publishers made at runtime on the running deployment. Thread-safe. */
@Dependent
class DynamicPublishers implements Publishers {
    @Inject
    TributaryExtension extension;

    @Override
    public <T> Publisher<T> channel(String channel, Class<T> bodyType) {
        return channel(channel, null, bodyType);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Publisher<T> channel(String channel, String connector, Class<T> bodyType) {
        return (Publisher<T>) extension.runtime().dynamicPublisher(channel, connector, bodyType);
    }
}
