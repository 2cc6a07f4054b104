package dev.tributary.cdi;

import dev.tributary.Codec;
import dev.tributary.Message;
import dev.tributary.PublishOptions;
import dev.tributary.Publisher;
import dev.tributary.RequestTimeoutException;
import dev.tributary.spi.AddressTemplate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * The {@link Publisher} behind {@code @Inject @Channel("name") Publisher<T>}: one per channel, shared by
 * every injection point of that channel. Thread-safe; never blocks.
 */
final class ChannelPublisher implements Publisher<Object> {
    private final String channel;
    private final AddressTemplate template;
    private final String concreteAddress;
    private final PublishPath path;
    private final Codecs codecs;
    private final Codec codec;
    private final Map<Class<?>, Codec.Decoder<?>> replyDecoders = new ConcurrentHashMap<>();

    ChannelPublisher(String channel, AddressTemplate template, PublishPath path, Codecs codecs, Codec codec) {
        this.channel = channel;
        this.template = template;
        this.concreteAddress = template.isPattern() ? null : template.subscribeAddress();
        this.path = path;
        this.codecs = codecs;
        this.codec = codec;
    }

    @Override
    public CompletionStage<Void> publish(Object body) {
        if (concreteAddress == null) {
            return publish(body, PublishOptions.none()); // a template: fails its stage for the missing {param}
        }
        return path.send(concreteAddress, body, Map.of(), null, null, null, null, Map.of());
    }

    @Override
    public CompletionStage<Void> publish(Object body, PublishOptions options) {
        String address;
        try {
            address = address(options);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return path.send(address, body, options.headers(), options.correlationId(), options.replyTo(), options.key(), options.messageId(),
                options.connectorOptions());
    }

    @Override
    public <R> CompletionStage<R> request(Object body, Class<R> replyType, Duration timeout) {
        return request(body, PublishOptions.none(), replyType, timeout).thenApply(Message::body);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> CompletionStage<Message<R>> request(Object body, PublishOptions options, Class<R> replyType,
            Duration timeout) {
        String address;
        try {
            address = address(options);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        String cid = options.correlationId() != null ? options.correlationId() : CorrelationIds.next();
        Codec.Decoder<?> decoder = replyDecoders.computeIfAbsent(replyType, t -> codecs.decoder(codec, t));
        return path.request(address, body, options.headers(), cid, options.replyTo(), options.key(), options.messageId(),
                options.connectorOptions(), timeout)
                .toCompletableFuture()
                .orTimeout(timeout.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS)
                .handle((in, t) -> {
                    if (t != null) {
                        Throwable cause = MessageProcessor.unwrap(t);
                        if (cause instanceof TimeoutException) {
                            throw new RequestTimeoutException(address, timeout);
                        }
                        throw cause instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(cause);
                    }
                    Delivery d = new Delivery(in, null, null);
                    d.useDecoder(decoder);
                    try {
                        d.body();
                    } finally {
                        d.ack();
                    }
                    return (Message<R>) (Message<?>) d;
                });
    }

    private String address(PublishOptions options) {
        if (options.address() != null) {
            return options.address();
        }
        return concreteAddress != null ? concreteAddress : template.fill(options.pathParams());
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public String address() {
        return template.raw();
    }
}
