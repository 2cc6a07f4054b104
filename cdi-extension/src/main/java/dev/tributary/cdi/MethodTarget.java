package dev.tributary.cdi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * A handler method bound once to its bean's contextual reference (a client proxy for normal scopes, so
 * CDI interceptors apply) as a spreading {@link MethodHandle}; arguments come from precomputed
 * {@link ParamBinder}s. Nothing reflective happens per message. Bound before the first subscription
 * starts; thread-safe afterwards.
 */
final class MethodTarget implements Invoker {
    private static final MethodType SPREAD = MethodType.methodType(Object.class, Object[].class);

    final Method method;
    private final ParamBinder[] binders;
    private MethodHandle handle;

    MethodTarget(Method method, ParamBinder[] binders) {
        this.method = method;
        this.binders = binders;
    }

    /** Binds the method to the reference it will be invoked on. */
    void bind(Object reference) {
        try {
            if (!method.canAccess(reference)) {
                method.setAccessible(true);
            }
            MethodHandle mh = MethodHandles.lookup().unreflect(method).bindTo(reference);
            handle = mh.asSpreader(Object[].class, binders.length).asType(SPREAD);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new dev.tributary.TributaryException("TRB-RUN003", "cannot bind handler " + Problems.where(method)
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Object invoke(Delivery delivery) throws Throwable {
        ParamBinder[] b = binders;
        Object[] args = new Object[b.length];
        for (int i = 0; i < b.length; i++) {
            args[i] = b[i].bind(delivery);
        }
        return (Object) handle.invokeExact(args);
    }
}
