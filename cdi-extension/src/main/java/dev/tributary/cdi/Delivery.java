package dev.tributary.cdi;

import dev.tributary.Codec;
import dev.tributary.Message;
import dev.tributary.spi.AddressTemplate;
import dev.tributary.spi.InboundMessage;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One consumed message as handlers see it ({@link Message}), wrapping the connector's {@link InboundMessage}
 * so that the connector sees exactly one settlement: the first of ack/nack/reject wins, later calls return
 * the same stage. The body decodes lazily with the decoder of the handler being considered.
 *
 * <p>Threading: created and decoded on the lane's worker thread; settlement may come from any thread.
 */
final class Delivery implements Message<Object> {
    private static final VarHandle SETTLED;

    static {
        try {
            SETTLED = MethodHandles.lookup().findVarHandle(Delivery.class, "settled", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Told once when the message is settled (the subscription's in-flight count); may be {@code null}. */
    interface SettleListener {
        void settled();
    }

    final InboundMessage in;
    private final SettleListener listener;
    private final AddressTemplate template;
    private Codec.Decoder<?> decoder;
    private Object body;
    private boolean decoded;
    private String correlationId;
    private boolean correlationIdGenerated;
    private Map<String, String> pathParams;
    @SuppressWarnings("unused")
    private volatile int settled;
    private volatile CompletionStage<Void> outcome;

    Delivery(InboundMessage in, SettleListener listener, AddressTemplate template) {
        this.in = in;
        this.listener = listener;
        this.template = template;
    }

    /** Selects the decoder {@link #body()} uses; a different decoder forgets the cached body. */
    void useDecoder(Codec.Decoder<?> d) {
        if (d != decoder) {
            decoder = d;
            decoded = false;
            body = null;
        }
    }

    @Override
    public Object body() {
        if (!decoded) {
            byte[] raw = in.body();
            body = decoder == null || raw == null || raw.length == 0 ? null : decoder.decode(raw, in.contentType());
            decoded = true;
        }
        return body;
    }

    /** Sets the body decoded elsewhere (a batch's list of bodies). */
    void decoded(Object value) {
        body = value;
        decoded = true;
    }

    String pathParam(String name) {
        Map<String, String> p = pathParams;
        if (p == null) {
            p = template == null ? null : template.match(in.address());
            pathParams = p = p == null ? Map.of() : p;
        }
        return p.get(name);
    }

    @Override
    public byte[] rawBody() {
        return in.body();
    }

    @Override
    public Map<String, String> headers() {
        Map<String, String> h = in.headers();
        return h == null ? Map.of() : h;
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers().get(name));
    }

    @Override
    public String contentType() {
        return in.contentType();
    }

    @Override
    public String correlationId() {
        String id = correlationId;
        if (id == null) {
            id = in.correlationId();
            if (id == null) {
                id = CorrelationIds.next();
                correlationIdGenerated = true;
            }
            correlationId = id;
        }
        return id;
    }

    /** True when the consumed message carried no correlation id and {@link #correlationId()} made one up. */
    boolean correlationIdGenerated() {
        correlationId();
        return correlationIdGenerated;
    }

    @Override
    public String replyTo() {
        return in.replyTo();
    }

    @Override
    public String address() {
        return in.address();
    }

    @Override
    public String messageId() {
        String id = in.messageId();
        return id != null ? id : correlationId();
    }

    @Override
    public String key() {
        return in.key();
    }

    @Override
    public <M> Optional<M> metadata(Class<M> type) {
        Object m = in.metadata();
        return type.isInstance(m) ? Optional.of(type.cast(m)) : Optional.empty();
    }

    @Override
    public CompletionStage<Void> ack() {
        return settle(1);
    }

    @Override
    public CompletionStage<Void> nack() {
        return settle(2);
    }

    @Override
    public CompletionStage<Void> reject() {
        return settle(3);
    }

    @Override
    public boolean isSettled() {
        return settled != 0;
    }

    private CompletionStage<Void> settle(int how) {
        if (!SETTLED.compareAndSet(this, 0, how)) {
            CompletionStage<Void> o;
            while ((o = outcome) == null) {
                Thread.onSpinWait();
            }
            return o;
        }
        CompletionStage<Void> o;
        try {
            o = switch (how) {
                case 1 -> in.ack();
                case 2 -> in.nack();
                default -> in.reject();
            };
            if (o == null) {
                o = CompletableFuture.completedFuture(null);
            }
        } catch (RuntimeException e) {
            o = CompletableFuture.failedFuture(e);
        }
        outcome = o;
        if (listener != null) {
            listener.settled();
        }
        return o;
    }

    @Override
    public String toString() {
        return "Message[" + in.address() + ", " + correlationId() + "]";
    }
}
