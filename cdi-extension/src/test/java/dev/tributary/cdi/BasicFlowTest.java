package dev.tributary.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.Channel;
import dev.tributary.Header;
import dev.tributary.Incoming;
import dev.tributary.Message;
import dev.tributary.Outgoing;
import dev.tributary.PathParam;
import dev.tributary.PublishOptions;
import dev.tributary.Publisher;
import dev.tributary.Response;
import dev.tributary.TributaryStarted;
import dev.tributary.TributaryStopping;
import dev.tributary.memory.MemoryMetadata;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BasicFlowTest {

    public record Order(String id, int qty) {
    }

    public record Invoice(String order, int total) {
    }

    static final List<Object> SEEN = new CopyOnWriteArrayList<>();

    @ApplicationScoped
    static class Billing {
        @Inject
        RequestCounter counter;

        @Incoming("orders")
        @Outgoing("invoices")
        @Outgoing("audit")
        Invoice bill(Order order, @Header("tenant") String tenant, Message<Order> message, MemoryMetadata meta) {
            SEEN.add("bill:" + order.id() + ":" + tenant + ":" + message.body().id() + ":" + meta.address() + ":"
                    + counter.next());
            return new Invoice(order.id(), order.qty() * 10);
        }

        @Incoming("invoices")
        void invoices(Invoice invoice, Message<Invoice> m) {
            SEEN.add("invoice:" + invoice.order() + ":" + invoice.total() + ":" + m.correlationId());
        }

        @Incoming("audit")
        void audit(Invoice invoice) {
            SEEN.add("audit:" + invoice.order());
        }

        @Incoming("devices.{id}.temp")
        void temp(double degrees, @PathParam("id") String id) {
            SEEN.add("temp:" + id + ":" + degrees);
        }

        @Incoming("lookup")
        Response<String> lookup(String name) {
            return Response.of("hello " + name).header("served-by", "billing");
        }

        @Incoming("async")
        CompletionStage<String> async(String in) {
            return CompletableFuture.supplyAsync(() -> in.toUpperCase());
        }

        @Traced
        @Incoming("traced")
        void traced(String s) {
            SEEN.add("traced:" + s);
        }
    }

    @RequestScoped
    static class RequestCounter {
        private int n;

        int next() {
            return ++n;
        }
    }

    @InterceptorBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @interface Traced {
    }

    @Traced
    @Interceptor
    @Priority(Interceptor.Priority.APPLICATION)
    static class TracedInterceptor {
        static final AtomicInteger CALLS = new AtomicInteger();

        @AroundInvoke
        Object around(InvocationContext ctx) throws Exception {
            CALLS.incrementAndGet();
            return ctx.proceed();
        }
    }

    @jakarta.inject.Singleton
    static class Shop {
        @Inject
        @Channel("orders")
        Publisher<Order> orders;
        @Inject
        @Channel("lookup")
        Publisher<String> lookup;
        @Inject
        @Channel("devices.{id}.temp")
        Publisher<Double> temps;
        @Inject
        @Channel("async")
        Publisher<String> async;
        @Inject
        @Channel("traced")
        Publisher<String> traced;
    }

    static final List<Object> EVENTS = new CopyOnWriteArrayList<>();

    @ApplicationScoped
    static class Events {
        void started(@Observes TributaryStarted e) {
            EVENTS.add(e);
        }

        void stopping(@Observes TributaryStopping e) {
            EVENTS.add(e);
        }
    }

    @Test
    void handlersPublishersOutgoingsRepliesAndInterceptors() throws Exception {
        SEEN.clear();
        EVENTS.clear();
        TracedInterceptor.CALLS.set(0);
        try (TestApp app = TestApp.start(Billing.class, RequestCounter.class, Shop.class, Events.class, TracedInterceptor.class)) {
            assertThat(EVENTS).hasSize(1).first().isInstanceOf(TributaryStarted.class);
            Shop shop = app.get(Shop.class);
            shop.orders.publish(new Order("o1", 3), PublishOptions.builder().header("tenant", "acme").build())
                    .toCompletableFuture().join();
            await().atMost(Duration.ofSeconds(5)).until(() -> SEEN.size() >= 3);
            assertThat(SEEN).anyMatch(s -> s.equals("bill:o1:acme:o1:orders:1"));
            assertThat(SEEN).anyMatch(s -> s.toString().startsWith("invoice:o1:30:"));
            assertThat(SEEN).contains("audit:o1");

            // request context is per message: the counter restarts
            shop.orders.publish(new Order("o2", 1), PublishOptions.builder().header("tenant", "t2").build());
            await().atMost(Duration.ofSeconds(5)).until(() -> SEEN.contains("bill:o2:t2:o2:orders:1"));

            shop.temps.publish(21.5, PublishOptions.builder().pathParam("id", "dev7").build()).toCompletableFuture().join();
            await().atMost(Duration.ofSeconds(5)).until(() -> SEEN.contains("temp:dev7:21.5"));

            Message<String> reply = shop.lookup.request("bob", PublishOptions.builder().correlationId("cid-1").build(),
                    String.class, Duration.ofSeconds(5)).toCompletableFuture().get();
            assertThat(reply.body()).isEqualTo("hello bob");
            assertThat(reply.correlationId()).isEqualTo("cid-1");
            assertThat(reply.headers()).containsEntry("served-by", "billing");

            assertThat(shop.async.request("abc", String.class, Duration.ofSeconds(5)).toCompletableFuture().get())
                    .isEqualTo("ABC");

            shop.traced.publish("x");
            await().atMost(Duration.ofSeconds(5)).until(() -> SEEN.contains("traced:x"));
            assertThat(TracedInterceptor.CALLS.get()).isEqualTo(1);
        }
        assertThat(EVENTS).hasSize(2).last().isInstanceOf(TributaryStopping.class);
    }

    @Test
    void outgoingPropagatesCorrelationId() {
        SEEN.clear();
        try (TestApp app = TestApp.start(Billing.class, RequestCounter.class, Shop.class)) {
            app.get(Shop.class).orders.publish(new Order("o9", 1), PublishOptions.builder().correlationId("c-9").build());
            await().atMost(Duration.ofSeconds(5)).until(() -> SEEN.contains("invoice:o9:10:c-9"));
        }
    }

    @Test
    void healthReportsConnectors() {
        try (TestApp app = TestApp.start(Billing.class, RequestCounter.class, Shop.class)) {
            TributaryHealth health = app.get(TributaryHealth.class);
            assertThat(health.connectors()).containsOnlyKeys("memory");
            assertThat(health.isUp()).isTrue();
            assertThat(Map.copyOf(health.connectors())).allSatisfy((k, v) -> assertThat(v.up()).isTrue());
        }
    }
}
