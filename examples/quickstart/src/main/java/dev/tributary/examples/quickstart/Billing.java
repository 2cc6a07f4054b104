package dev.tributary.examples.quickstart;

import dev.tributary.AckPolicy;
import dev.tributary.Channel;
import dev.tributary.Header;
import dev.tributary.Incoming;
import dev.tributary.Outgoing;
import dev.tributary.Publisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Orders in, invoices out. The customer's name comes from the directory by request/reply, without
 * blocking the worker (the handler returns a CompletionStage). A message that cannot be decoded as an
 * {@link Order} is rejected by the policy, with a TRB-RUN020 log line; the subscription goes on.
 */
@ApplicationScoped
public class Billing {

    @Inject
    @Channel("customers.lookup")
    Publisher<String> directory;

    @Incoming(value = "orders", ackPolicy = AckPolicy.REJECT_ON_ERROR)
    @Outgoing("invoices")
    public CompletionStage<Invoice> bill(Order order, @Header("tenant") String tenant) {
        System.out.printf("billing   <- order %s for customer %s (%d lines, tenant %s)%n", order.id(),
                order.customerId(), order.lines().size(), tenant);
        return directory.request(order.customerId(), Customer.class, Duration.ofSeconds(2))
                .thenApply(customer -> new Invoice(order.id(), customer.id(), customer.name(), order.total(), tenant));
    }
}
