package dev.tributary.memory.testing;

import dev.tributary.spi.InvocationListener;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;

/**
 * Adds the test broker's beans to the container under test: the {@link InvocationListener} that records
 * handler calls, and the {@link TestBroker} itself (so beans and tests may {@code @Inject} it).
 */
final class TestBrokerBeans implements Extension {

    private final CallRecorder recorder;
    private final TestBroker broker;

    TestBrokerBeans(CallRecorder recorder, TestBroker broker) {
        this.recorder = recorder;
        this.broker = broker;
    }

    void addBeans(@Observes AfterBeanDiscovery abd) {
        abd.addBean().beanClass(CallRecorder.class).types(InvocationListener.class, Object.class)
                .scope(Singleton.class).createWith(c -> recorder);
        abd.addBean().beanClass(TestBroker.class).types(TestBroker.class, Object.class)
                .scope(Singleton.class).createWith(c -> broker);
    }
}
