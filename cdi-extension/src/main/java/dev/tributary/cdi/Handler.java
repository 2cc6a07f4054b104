package dev.tributary.cdi;

import dev.tributary.Codec;
import dev.tributary.Middleware;
import dev.tributary.spi.TransactionRunner;
import java.lang.reflect.Method;

/**
 * One handler on one subscription: how to pick it (filter), decode for it, call it (through middlewares),
 * and route its result. Immutable once the runtime started; shared by the subscription's lanes.
 */
final class Handler {
    final Class<?> beanClass;
    final Method method;
    final Codec.Decoder<?> decoder;
    final FilterMatcher filter;
    final Middleware[] middlewares;
    final ResultRoute results;
    final Invoker invoker;
    /** Non-null when the result is written to a transactional connector inside the handler's transaction. */
    final TransactionRunner transaction;

    Handler(Class<?> beanClass, Method method, Codec.Decoder<?> decoder, FilterMatcher filter,
            Middleware[] middlewares, ResultRoute results, Invoker invoker) {
        this(beanClass, method, decoder, filter, middlewares, results, invoker, null);
    }

    Handler(Class<?> beanClass, Method method, Codec.Decoder<?> decoder, FilterMatcher filter,
            Middleware[] middlewares, ResultRoute results, Invoker invoker, TransactionRunner transaction) {
        this.beanClass = beanClass;
        this.method = method;
        this.decoder = decoder;
        this.filter = filter;
        this.middlewares = middlewares;
        this.results = results;
        this.invoker = invoker;
        this.transaction = transaction;
    }

    Object call(Delivery d) throws Throwable {
        if (middlewares.length == 0) {
            return invoker.invoke(d);
        }
        return around(0, d);
    }

    private Object around(int i, Delivery d) throws Exception {
        if (i == middlewares.length) {
            try {
                return invoker.invoke(d);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
        return middlewares[i].aroundConsume(d, () -> around(i + 1, d));
    }

    String describe() {
        return method != null ? Problems.where(method) : beanClass.getName();
    }
}
