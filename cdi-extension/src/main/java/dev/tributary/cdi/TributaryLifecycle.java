package dev.tributary.cdi;

import dev.tributary.TributaryStarted;
import dev.tributary.TributaryStopping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Starts Tributary when the application scope is initialized and stops it before the scope is destroyed,
 * firing {@link TributaryStarted} and {@link TributaryStopping}. Added by {@link TributaryExtension}.
 */
@Dependent
class TributaryLifecycle {
    @Inject
    TributaryExtension extension;
    @Inject
    Event<TributaryStarted> started;
    @Inject
    Event<TributaryStopping> stopping;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        TributaryStarted s = extension.runtime().start();
        if (s != null) {
            started.fire(s);
        }
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        TributaryRuntime r = extension.runtime();
        stopping.fire(new TributaryStopping(r.shutdownTimeout.toMillis()));
        r.stop();
    }
}
