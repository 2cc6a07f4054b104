package dev.tributary.tck;

import dev.tributary.spi.ConnectorProvider;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/** Adds the {@link ObservedProvider} of one TCK application as a bean, so that the runtime creates the connector through it. */
public final class TckBeans implements Extension {
    private final ObservedProvider provider;

    /** Weld needs a public no-argument constructor to know the class; the TCK always passes a provider. */
    public TckBeans() {
        this(null);
    }

    TckBeans(ObservedProvider provider) {
        this.provider = provider;
    }

    void afterDiscovery(@Observes AfterBeanDiscovery abd) {
        if (provider != null) {
            abd.addBean().beanClass(ObservedProvider.class).types(ConnectorProvider.class, Object.class)
                    .scope(Dependent.class).createWith(c -> provider);
        }
    }
}
