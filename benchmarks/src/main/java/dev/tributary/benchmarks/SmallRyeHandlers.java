package dev.tributary.benchmarks;

import java.nio.charset.StandardCharsets;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The SmallRye Reactive Messaging side: two {@code @Incoming} methods fed by the in-memory connector.
 * SmallRye hands the payload over as it was sent ({@code byte[]}); the JSON method decodes it with
 * Yasson (one shared {@link Jsonb}, the same library and call Tributary's default codec uses) to
 * {@link Quote}, so both frameworks do the same work per message. SmallRye acknowledges after the method
 * returns (its default for a payload-consuming method).
 *
 * <p>The decode mirrors Tributary's default codec for a typed body exactly: UTF-8 bytes → {@code String}
 * → {@code Jsonb.fromJson(String, type)}, with the same {@code JsonbConfig} (null values on).
 */
@ApplicationScoped
public class SmallRyeHandlers {

    @Inject
    Progress progress;

    private Jsonb jsonb;

    @PostConstruct
    void init() {
        jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true));
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Incoming(SmallRyeState.JSON_CHANNEL)
    public void json(byte[] body) {
        Quote quote = jsonb.fromJson(new String(body, StandardCharsets.UTF_8), Quote.class);
        progress.handled(quote.quantity());
    }

    @Incoming(SmallRyeState.RAW_CHANNEL)
    public void raw(byte[] body) {
        progress.handled(body.length);
    }
}
