package dev.tributary.memory.testing.app;

import dev.tributary.AckPolicy;
import dev.tributary.Header;
import dev.tributary.Incoming;
import dev.tributary.Outgoing;
import dev.tributary.PathParam;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake application written for Kafka (connector {@code kafka}): what the test broker must run unchanged. */
@ApplicationScoped
public class Shop {

    private final List<String> seen = new CopyOnWriteArrayList<>();

    /** What the handlers saw, in order. */
    public List<String> seen() {
        return List.copyOf(seen);
    }

    @Incoming(value = "orders", connector = "kafka")
    public void order(Order order, @Header("tenant") String tenant) {
        seen.add(order.id() + "@" + tenant);
    }

    @Incoming(value = "orders.{region}.created", connector = "kafka")
    public void regional(Order order, @PathParam("region") String region) {
        seen.add(order.id() + " in " + region);
    }

    @Incoming(value = "orders.refused", connector = "kafka")
    public void refuse(Order order) {
        throw new IllegalStateException("order " + order.id() + " refused");
    }

    @Incoming(value = "orders.audit", connector = "kafka")
    public void audit(String line) throws IOException {
        throw new IOException("audit log unavailable for " + line);
    }

    @Incoming(value = "orders.retry", connector = "kafka", ackPolicy = AckPolicy.NACK_ON_ERROR)
    public void retry(Order order) {
        throw new IllegalArgumentException("cannot handle " + order.id() + " yet");
    }

    @Incoming(value = "orders.fast", connector = "kafka", ackPolicy = AckPolicy.ACK_FIRST)
    public void fast(Order order) throws InterruptedException {
        Thread.sleep(200); // simulated slow work: acked on receipt, so only the invocation report ends it
        seen.add("fast " + order.id());
    }

    @Incoming(value = "quotes", connector = "kafka")
    public Quote quote(Order order) {
        return new Quote(order.id(), order.amount() * 2);
    }

    @Incoming(value = "quotes.broken", connector = "kafka")
    public Quote brokenQuote(Order order) {
        throw new ArithmeticException("no price for " + order.id());
    }

    @Incoming(value = "orders.paid", connector = "kafka")
    @Outgoing(value = "invoices", connector = "kafka")
    public String pay(Order order) {
        return "invoice for " + order.id();
    }

    @Incoming(value = "invoices", connector = "kafka")
    public void invoice(String text) {
        seen.add(text);
    }
}
