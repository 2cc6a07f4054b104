package dev.tributary.memory.testing;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * One recorded handler invocation.
 *
 * @param beanClass the handler's bean class
 * @param method the handler method, or {@code null} for a dynamic subscription
 * @param channel the subscription's channel
 * @param address the concrete address the message arrived on
 * @param headers the message's user headers
 * @param correlationId the message's correlation id (may be {@code null})
 * @param body the decoded body ({@code null} when decoding failed or the handler has no body parameter)
 * @param failure what the handler (or decoding) threw, or {@code null}
 */
public record HandlerCall(Class<?> beanClass, Method method, String channel, String address,
        Map<String, String> headers, String correlationId, Object body, Throwable failure) {

    /** The method name, or {@code null} for a dynamic subscription. */
    public String methodName() {
        return method == null ? null : method.getName();
    }

    public boolean failed() {
        return failure != null;
    }

    @Override
    public String toString() {
        return beanClass.getSimpleName() + "." + methodName() + "(" + body + ") on '" + address + "'"
                + (failure == null ? "" : " threw " + failure);
    }
}
