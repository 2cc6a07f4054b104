package dev.tributary.outbox.internal;

import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.InvocationListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.Method;

/**
 * Remembers what a relay handler threw, so that a nacked or rejected row keeps it as its last error (the SPI's
 * {@code nack()} carries no reason). Called on the worker thread; cheap; never throws.
 */
@ApplicationScoped
public class FailureNotes implements InvocationListener {
    @Override
    public void invoked(Class<?> beanClass, Method method, String channel, InboundMessage message, Object body,
            Throwable failure) {
        if (failure != null && message instanceof OutboxDelivery d) {
            d.failure = failure;
        }
    }
}
