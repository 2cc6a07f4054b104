package dev.tributary.cdi;

import dev.tributary.DynamicSubscription;
import dev.tributary.MessageHandler;
import dev.tributary.SubscribeOptions;
import dev.tributary.Subscriptions;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** The {@link Subscriptions} bean: dynamic subscriptions on the running deployment. Thread-safe. */
@Dependent
class DynamicSubscriptions implements Subscriptions {
    @Inject
    TributaryExtension extension;

    @Override
    public <T> DynamicSubscription subscribe(String address, Class<T> bodyType, MessageHandler<T> handler) {
        return subscribe(SubscribeOptions.builder(address).build(), bodyType, handler);
    }

    @Override
    public <T> DynamicSubscription subscribe(SubscribeOptions options, Class<T> bodyType, MessageHandler<T> handler) {
        return extension.runtime().subscribe(options, bodyType, handler);
    }
}
