package dev.tributary.tck;

import dev.tributary.AckPolicy;
import dev.tributary.memory.MemoryConnectorProvider;
import dev.tributary.spi.AddressSyntax;
import dev.tributary.spi.Capability;
import dev.tributary.spi.Connector;
import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.ConnectorProvider;
import dev.tributary.spi.DestinationSpec;
import dev.tributary.spi.Health;
import dev.tributary.spi.InboundMessage;
import dev.tributary.spi.InboundSink;
import dev.tributary.spi.OutboundMessage;
import dev.tributary.spi.Sender;
import dev.tributary.spi.Subscription;
import dev.tributary.spi.SubscriptionSpec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The in-memory connector with one deliberate fault, claiming every capability the memory connector claims
 * (except {@link Fault#CLAIMS_NOTHING}, which claims none).
 * The TCK must fail exactly the tests aimed at that fault ({@link FaultyConnectorsTest}).
 */
final class FaultyConnector implements Connector {

    /** The faults, each aimed at a contract. */
    enum Fault {
        /** User headers vanish on the way in. */
        DROPS_HEADERS,
        /** Under {@link AckPolicy#ACK} it acks on receipt, before the handler ran; the runtime's ack is ignored. */
        ACKS_BEFORE_HANDLER,
        /** A nack acks: the message is gone instead of redelivered. */
        LOSES_ON_NACK,
        /** Delivers the next message only when the previous one is settled, whatever maxWorkers says. */
        IGNORES_MAX_WORKERS,
        /** Sends requests but never completes them with the reply. */
        NEVER_ANSWERS_REQUESTS,
        /** A failed publish reports success. */
        SWALLOWS_PUBLISH_ERRORS,
        /** Not a fault: the memory connector claiming no capability at all (its tests must be skipped, not passed). */
        CLAIMS_NOTHING;

        String type() {
            return "faulty-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Creates memory connectors with the fault. */
    static final class Provider implements ConnectorProvider {
        private final Fault fault;

        Provider(Fault fault) {
            this.fault = fault;
        }

        @Override
        public String type() {
            return fault.type();
        }

        @Override
        public Connector create(ConnectorContext context) {
            return new FaultyConnector(new MemoryConnectorProvider().create(context), fault);
        }
    }

    private final Connector memory;
    private final Fault fault;

    private FaultyConnector(Connector memory, Fault fault) {
        this.memory = memory;
        this.fault = fault;
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, InboundSink sink) {
        InboundSink faulty = switch (fault) {
            case DROPS_HEADERS -> new ForwardingSink(sink) {
                @Override
                public void onMessage(InboundMessage m) {
                    sink.onMessage(new ForwardingMessage(m) {
                        @Override
                        public Map<String, String> headers() {
                            return Map.of();
                        }
                    });
                }
            };
            case ACKS_BEFORE_HANDLER -> spec.ackPolicy() != AckPolicy.ACK ? sink : new ForwardingSink(sink) {
                @Override
                public void onMessage(InboundMessage m) {
                    m.ack();
                    sink.onMessage(new ForwardingMessage(m) {
                        @Override
                        public CompletionStage<Void> ack() {
                            return CompletableFuture.completedFuture(null);
                        }

                        @Override
                        public CompletionStage<Void> nack() {
                            return CompletableFuture.completedFuture(null);
                        }

                        @Override
                        public CompletionStage<Void> reject() {
                            return CompletableFuture.completedFuture(null);
                        }
                    });
                }
            };
            case LOSES_ON_NACK -> new ForwardingSink(sink) {
                @Override
                public void onMessage(InboundMessage m) {
                    sink.onMessage(new ForwardingMessage(m) {
                        @Override
                        public CompletionStage<Void> nack() {
                            return m.ack();
                        }
                    });
                }
            };
            case IGNORES_MAX_WORKERS -> new OneAtATimeSink(sink);
            default -> sink;
        };
        return memory.subscribe(spec, faulty);
    }

    @Override
    public Sender sender(DestinationSpec spec) {
        Sender sender = memory.sender(spec);
        if (fault == Fault.SWALLOWS_PUBLISH_ERRORS) {
            return m -> sender.send(m).exceptionally(t -> null);
        }
        return sender;
    }

    @Override
    public CompletionStage<InboundMessage> request(OutboundMessage request, Duration timeout) {
        if (fault == Fault.NEVER_ANSWERS_REQUESTS) {
            memory.sender(null).send(request);
            return new CompletableFuture<>();
        }
        return memory.request(request, timeout);
    }

    @Override
    public String name() {
        return memory.name();
    }

    @Override
    public String type() {
        return fault.type();
    }

    @Override
    public Set<Capability> capabilities() {
        return fault == Fault.CLAIMS_NOTHING ? Set.of() : memory.capabilities();
    }

    @Override
    public AddressSyntax addressSyntax() {
        return memory.addressSyntax();
    }

    @Override
    public Set<Class<?>> metadataTypes() {
        return memory.metadataTypes();
    }

    @Override
    public CompletionStage<Void> start() {
        return memory.start();
    }

    @Override
    public Health health() {
        return memory.health();
    }

    @Override
    public CompletionStage<Void> close(Duration drain) {
        return memory.close(drain);
    }

    /** A sink passing everything on. */
    private static class ForwardingSink implements InboundSink {
        final InboundSink sink;

        ForwardingSink(InboundSink sink) {
            this.sink = sink;
        }

        @Override
        public void onMessage(InboundMessage message) {
            sink.onMessage(message);
        }

        @Override
        public void onFailure(Throwable failure) {
            sink.onFailure(failure);
        }
    }

    /** Holds every message back until the one delivered before it is settled. */
    private static final class OneAtATimeSink extends ForwardingSink {
        private final ArrayDeque<InboundMessage> waiting = new ArrayDeque<>();
        private boolean busy;

        OneAtATimeSink(InboundSink sink) {
            super(sink);
        }

        @Override
        public void onMessage(InboundMessage m) {
            synchronized (this) {
                if (busy) {
                    waiting.add(m);
                    return;
                }
                busy = true;
            }
            deliver(m);
        }

        private void deliver(InboundMessage m) {
            sink.onMessage(new ForwardingMessage(m) {
                @Override
                public CompletionStage<Void> ack() {
                    return next(m.ack());
                }

                @Override
                public CompletionStage<Void> nack() {
                    return next(m.nack());
                }

                @Override
                public CompletionStage<Void> reject() {
                    return next(m.reject());
                }
            });
        }

        private CompletionStage<Void> next(CompletionStage<Void> settled) {
            InboundMessage n;
            synchronized (this) {
                n = waiting.poll();
                busy = n != null;
            }
            if (n != null) {
                deliver(n);
            }
            return settled;
        }
    }

    /** A message passing everything on. */
    private static class ForwardingMessage implements InboundMessage {
        private final InboundMessage m;

        ForwardingMessage(InboundMessage m) {
            this.m = m;
        }

        @Override
        public byte[] body() {
            return m.body();
        }

        @Override
        public Map<String, String> headers() {
            return m.headers();
        }

        @Override
        public String contentType() {
            return m.contentType();
        }

        @Override
        public String correlationId() {
            return m.correlationId();
        }

        @Override
        public String replyTo() {
            return m.replyTo();
        }

        @Override
        public String address() {
            return m.address();
        }

        @Override
        public String messageId() {
            return m.messageId();
        }

        @Override
        public String key() {
            return m.key();
        }

        @Override
        public Object metadata() {
            return m.metadata();
        }

        @Override
        public CompletionStage<Void> ack() {
            return m.ack();
        }

        @Override
        public CompletionStage<Void> nack() {
            return m.nack();
        }

        @Override
        public CompletionStage<Void> reject() {
            return m.reject();
        }
    }
}
