package dev.tributary;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Code around consuming and publishing (FastStream's middlewares). Attach with {@link UseMiddleware} on a
 * handler method or a bean class, or for a whole connector with
 * {@code tributary.connectors.<name>.middlewares=<class>,<class>}. Order, outermost first: connector,
 * class, method, each in the listed order. Instances are CDI beans when the class is one, else created
 * once with the no-argument constructor; they are shared by all threads.
 */
public interface Middleware {

    /**
     * Around one handler invocation, on the subscription's worker thread, with the CDI request context
     * active. Call {@code next.proceed()} to continue (at most once); its value is the handler's result.
     * A thrown exception takes the subscription's error path.
     */
    default Object aroundConsume(Message<?> message, Invocation next) throws Exception {
        return next.proceed();
    }

    /**
     * Around one publish (injected {@link Publisher}, an {@link Outgoing} result, or a reply), on the
     * publishing thread. The body is not yet encoded; headers may be changed.
     */
    default CompletionStage<Void> aroundPublish(Outbound outbound, PublishStep next) {
        return next.proceed(outbound);
    }

    /** The rest of the consume chain. */
    @FunctionalInterface
    interface Invocation {
        Object proceed() throws Exception;
    }

    /** The rest of the publish chain. */
    @FunctionalInterface
    interface PublishStep {
        CompletionStage<Void> proceed(Outbound outbound);
    }

    /** A message about to be published. {@link #headers()} is mutable. */
    interface Outbound {
        String address();

        Object body();

        Map<String, String> headers();

        String correlationId();
    }
}
