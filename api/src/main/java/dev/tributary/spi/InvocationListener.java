package dev.tributary.spi;

import java.lang.reflect.Method;

/**
 * Observes handler invocations: used by test tooling (the in-memory test broker records calls and
 * rethrows handler errors). Found as CDI beans; when there are none, the runtime pays nothing.
 * Called on the worker thread right after each invocation (and after a body failed to decode), before the
 * message is settled (under {@code ACK_FIRST} it was acked before the handler ran); must be fast and must not
 * throw.
 */
public interface InvocationListener {

    /**
     * @param beanClass the handler's bean class
     * @param method the handler method (or {@code null} for a dynamic subscription)
     * @param channel the subscription's channel
     * @param message the connector's message
     * @param body the decoded body, or {@code null} when decoding failed or there is no body parameter
     * @param failure what the handler (or decoding) threw, or {@code null}
     */
    void invoked(Class<?> beanClass, Method method, String channel, InboundMessage message, Object body,
            Throwable failure);
}
