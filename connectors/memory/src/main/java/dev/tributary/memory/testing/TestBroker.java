package dev.tributary.memory.testing;

import dev.tributary.EncodedBody;
import dev.tributary.PublishOptions;
import dev.tributary.memory.MemoryConnector;
import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.OutboundMessage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drives the application under test through its in-memory brokers and shows what its handlers did
 * (FastStream's {@code TestBroker}). Obtain it from {@link TributaryTest} as a parameter or field, or by
 * {@code @Inject} in a bean.
 *
 * <p>{@link #publish} blocks the test thread until the handlers are done: every copy of the message,
 * and everything they published in turn on the application's memory connectors, is settled and its
 * invocation reported. Then the first exception a handler threw meanwhile is rethrown, as thrown (checked
 * exceptions too). {@link #request} returns the decoded reply, or rethrows the handler's exception as soon
 * as it happens.
 *
 * <p>Which connector: the one given, else the one whose subscriptions match the address, else the only
 * connector. The connectors are the memory connectors the runtime started for this test class, found in
 * {@link MemoryConnector#running()}. Thread-safe, but the "first failure since the publish" is global to
 * the test broker: concurrent publishes from several threads may see each other's failures.
 */
public final class TestBroker {

    private final CallRecorder recorder;
    private final Duration timeout;
    private final Set<MemoryConnector> before;

    private final WireBody wire;

    TestBroker(CallRecorder recorder, Duration timeout, List<MemoryConnector> runningBefore) {
        this.recorder = recorder;
        this.timeout = timeout;
        this.wire = new WireBody();
        Set<MemoryConnector> b = Collections.newSetFromMap(new IdentityHashMap<>());
        b.addAll(runningBefore);
        this.before = b;
    }

    private TestBroker(TestBroker base, Duration timeout) {
        this.recorder = base.recorder;
        this.wire = base.wire;
        this.before = base.before;
        this.timeout = timeout;
    }

    /** The same broker with another wait limit for {@link #publish} and {@link #request}. */
    public TestBroker withTimeout(Duration timeout) {
        return new TestBroker(this, timeout);
    }

    // ---- publishing

    /** Publishes to the address and returns when the handlers are done; rethrows the first handler exception. */
    public void publish(Object body, String address) {
        publish(null, body, address, PublishOptions.none());
    }

    /** As {@link #publish(Object, String)}, with headers, correlation id, key, reply address or message id. */
    public void publish(Object body, String address, PublishOptions options) {
        publish(null, body, address, options);
    }

    /** As {@link #publish(Object, String, PublishOptions)}, on the named connector ({@code null}: choose). */
    public void publish(String connector, Object body, String address, PublishOptions options) {
        MemoryConnector c = choose(connector, address);
        long mark = recorder.mark();
        long deadline = System.nanoTime() + timeout.toNanos();
        c.publishAndAwait(outbound(body, address, options), timeout);
        awaitAllIdle(deadline);
        rethrowIfFailed(recorder.firstFailureSince(mark));
    }

    /** Sends a request, returns the reply decoded to {@code replyType} ({@code byte[]}, {@code String}, JSON). */
    public <R> R request(Object body, String address, Class<R> replyType) {
        return request(null, body, address, replyType, PublishOptions.none());
    }

    /** As {@link #request(Object, String, Class)}, with options. */
    public <R> R request(Object body, String address, Class<R> replyType, PublishOptions options) {
        return request(null, body, address, replyType, options);
    }

    /**
     * As {@link #request(Object, String, Class)}, on the named connector ({@code null}: choose). Fails with
     * the handler's exception if one was thrown before the reply came, with a
     * {@link dev.tributary.RequestTimeoutException} when no reply came in time.
     */
    public <R> R request(String connector, Object body, String address, Class<R> replyType, PublishOptions options) {
        InboundMessage reply = requestMessage(connector, body, address, options);
        return wire.decode(reply.body(), reply.contentType(), replyType);
    }

    /** Sends a request and returns the whole reply message (headers, correlation id, …). */
    public InboundMessage requestMessage(String connector, Object body, String address, PublishOptions options) {
        MemoryConnector c = choose(connector, address);
        long mark = recorder.mark();
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<InboundMessage> reply = c.request(outbound(body, address, options), timeout)
                .toCompletableFuture();
        CompletableFuture<Throwable> failure = recorder.failureSince(mark);
        try {
            CompletableFuture.anyOf(reply, failure).get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TestBrokerErrors.interrupted();
        } catch (ExecutionException | TimeoutException e) {
            // the reply failed (timeout, closed): reported below
        } finally {
            recorder.forget(failure);
        }
        if (failure.isDone()) {
            rethrowIfFailed(failure.join());
        }
        InboundMessage answer;
        try {
            answer = reply.join();
        } catch (CompletionException e) {
            throw sneaky(unwrap(e));
        }
        awaitAllIdle(deadline);
        return answer;
    }

    private OutboundMessage outbound(Object body, String address, PublishOptions options) {
        PublishOptions o = options == null ? PublishOptions.none() : options;
        EncodedBody encoded = wire.encode(body);
        String correlationId = o.correlationId() != null ? o.correlationId() : UUID.randomUUID().toString();
        String to = o.address() != null ? o.address() : address;
        return new OutboundMessage(to, encoded.bytes(), encoded.contentType(), correlationId, o.replyTo(),
                o.messageId(), o.key(), o.headers(), o.connectorOptions());
    }

    private void awaitAllIdle(long deadline) {
        // a handler may publish to another connector, whose handlers may publish back: until all are quiet
        for (int pass = 0; pass < 100; pass++) {
            boolean quiet = true;
            for (MemoryConnector c : connectors()) {
                if (!c.isIdle()) {
                    quiet = false;
                    c.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                }
            }
            if (quiet) {
                return;
            }
        }
    }

    // ---- connectors

    /** The memory connectors of the application under test, in start order. */
    public List<MemoryConnector> connectors() {
        List<MemoryConnector> out = new ArrayList<>();
        for (MemoryConnector c : MemoryConnector.running()) {
            if (!before.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The connector with this name (the application's name for it, for example {@code kafka}). */
    public MemoryConnector connector(String name) {
        List<MemoryConnector> all = connectors();
        for (MemoryConnector c : all) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw TestBrokerErrors.unknownConnector(name, all.stream().map(MemoryConnector::name).toList());
    }

    private MemoryConnector choose(String name, String address) {
        if (name != null) {
            return connector(name);
        }
        List<MemoryConnector> all = connectors();
        if (all.isEmpty()) {
            throw TestBrokerErrors.noConnector();
        }
        List<MemoryConnector> listening = new ArrayList<>();
        for (MemoryConnector c : all) {
            if (c.routes(address)) {
                listening.add(c);
            }
        }
        if (listening.size() > 1) {
            throw TestBrokerErrors.ambiguous(address, listening.stream().map(MemoryConnector::name).toList());
        }
        // nobody listens: the message goes nowhere, as on a real broker
        return listening.isEmpty() ? all.get(0) : listening.get(0);
    }

    // ---- recorded calls and assertions

    /** Every handler call since the current test began, in order. */
    public List<HandlerCall> calls() {
        return recorder.calls();
    }

    /** The calls of one handler method ({@code methodName} {@code null}: every handler of the class). */
    public List<HandlerCall> calls(Class<?> beanClass, String methodName) {
        List<HandlerCall> out = new ArrayList<>();
        for (HandlerCall call : recorder.calls()) {
            if (beanClass.isAssignableFrom(call.beanClass())
                    && (methodName == null || methodName.equals(call.methodName()))) {
                out.add(call);
            }
        }
        return out;
    }

    /** Asserts the handler ran exactly once, and returns that call. */
    public HandlerCall assertCalledOnce(Class<?> beanClass, String methodName) {
        List<HandlerCall> calls = calls(beanClass, methodName);
        if (calls.size() != 1) {
            throw TestBrokerErrors.assertion(describe(beanClass, methodName) + " was called " + calls.size()
                    + " times, expected once; calls: " + calls);
        }
        return calls.get(0);
    }

    /** Asserts the handler ran at least once with a body equal to {@code body}. */
    public void assertCalledWith(Class<?> beanClass, String methodName, Object body) {
        List<HandlerCall> calls = calls(beanClass, methodName);
        for (HandlerCall call : calls) {
            if (Objects.deepEquals(call.body(), body)) {
                return;
            }
        }
        throw TestBrokerErrors.assertion(describe(beanClass, methodName) + " was never called with " + body
                + "; calls: " + calls);
    }

    /** Asserts the handler never ran. */
    public void assertNotCalled(Class<?> beanClass, String methodName) {
        List<HandlerCall> calls = calls(beanClass, methodName);
        if (!calls.isEmpty()) {
            throw TestBrokerErrors.assertion(describe(beanClass, methodName) + " was called: " + calls);
        }
    }

    /** Forgets the recorded calls (done before each test). */
    public void reset() {
        recorder.clear();
    }

    private static String describe(Class<?> beanClass, String methodName) {
        return beanClass.getSimpleName() + "." + (methodName == null ? "*" : methodName);
    }

    void close() {
        wire.close();
    }

    // ---- failures

    private static void rethrowIfFailed(Throwable failure) {
        if (failure != null) {
            throw sneaky(unwrap(failure));
        }
    }

    static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof CompletionException || cur instanceof ExecutionException
                || cur instanceof InvocationTargetException || cur instanceof UndeclaredThrowableException)
                && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }

    /** Throws any throwable unchanged: a checked exception from a handler reaches the test as itself. */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @Override
    public String toString() {
        return "TestBroker" + connectors();
    }

}
