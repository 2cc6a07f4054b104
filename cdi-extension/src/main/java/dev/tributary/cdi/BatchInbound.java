package dev.tributary.cdi;

import dev.tributary.AckPolicy;
import dev.tributary.Codec;
import dev.tributary.spi.InboundMessage;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A batch of a subscription's messages handed to one handler call as one message: its body decodes to a
 * {@code List} of the members' bodies, and settling it settles every member. A member whose body cannot be
 * decoded leaves the batch at once (logged with {@code TRB-RUN020} and rejected, or acknowledged under
 * {@code ACK}; under {@code ACK_FIRST} it was acknowledged with the batch), so one malformed message neither fails nor holds back the others.
 *
 * <p>Each member reports its own settlement to the subscription's in-flight count. Decoded once, on the
 * lane's worker thread; settlement from any thread (the runtime settles a batch once).
 */
final class BatchInbound implements InboundMessage {
    private static final byte[] NO_BYTES = new byte[0];

    private final List<InboundMessage> members;
    private final Delivery.SettleListener perMember;

    BatchInbound(List<InboundMessage> members, Delivery.SettleListener perMember) {
        this.members = members;
        this.perMember = perMember;
    }

    int size() {
        return members.size();
    }

    /**
     * Decodes every member with {@code element}; members that fail are settled by the error path and removed.
     * Returns the decoded bodies in arrival order (possibly empty).
     */
    List<Object> decode(Codec.Decoder<?> element, AckPolicy policy, String channel, String handler) {
        List<Object> bodies = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            InboundMessage m = members.get(i);
            byte[] raw = m.body();
            try {
                bodies.add(raw == null || raw.length == 0 ? null : element.decode(raw, m.contentType()));
            } catch (RuntimeException e) {
                MessageProcessor.LOG.log(Level.WARNING, () -> "TRB-RUN020 cannot decode a message of the batch subscription '"
                        + channel + "' from '" + m.address() + "' (content type " + m.contentType() + ", " + raw.length
                        + " bytes) for " + handler + "; it leaves the batch: " + e.getMessage());
                if (policy != AckPolicy.ACK_FIRST) { // under ACK_FIRST the whole batch was acknowledged already
                    settle(policy == AckPolicy.ACK ? InboundMessage::ack : InboundMessage::reject, m);
                }
                members.remove(i--);
            }
        }
        return bodies;
    }

    private CompletionStage<Void> settle(Function<InboundMessage, CompletionStage<Void>> how, InboundMessage m) {
        CompletionStage<Void> s;
        try {
            s = how.apply(m);
        } catch (RuntimeException e) {
            s = CompletableFuture.failedFuture(e);
        }
        perMember.settled();
        return s == null ? CompletableFuture.completedFuture(null) : s;
    }

    private CompletionStage<Void> settleAll(Function<InboundMessage, CompletionStage<Void>> how) {
        CompletableFuture<?>[] all = new CompletableFuture<?>[members.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = settle(how, members.get(i)).toCompletableFuture();
        }
        return CompletableFuture.allOf(all);
    }

    @Override
    public CompletionStage<Void> ack() {
        return settleAll(InboundMessage::ack);
    }

    @Override
    public CompletionStage<Void> nack() {
        return settleAll(InboundMessage::nack);
    }

    @Override
    public CompletionStage<Void> reject() {
        return settleAll(InboundMessage::reject);
    }

    private InboundMessage first() {
        return members.get(0);
    }

    @Override
    public byte[] body() {
        return NO_BYTES;
    }

    /** The first member's headers. */
    @Override
    public Map<String, String> headers() {
        return members.isEmpty() ? Map.of() : first().headers();
    }

    @Override
    public String contentType() {
        return null;
    }

    /** The first member's correlation id. */
    @Override
    public String correlationId() {
        return members.isEmpty() ? null : first().correlationId();
    }

    /** A batch is never answered. */
    @Override
    public String replyTo() {
        return null;
    }

    @Override
    public String address() {
        return members.isEmpty() ? "" : first().address();
    }

    @Override
    public String messageId() {
        return null;
    }

    @Override
    public String key() {
        return null;
    }

    @Override
    public Object metadata() {
        return null;
    }
}
