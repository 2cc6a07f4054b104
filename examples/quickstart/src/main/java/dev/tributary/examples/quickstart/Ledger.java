package dev.tributary.examples.quickstart;

import dev.tributary.Channel;
import dev.tributary.Incoming;
import dev.tributary.Message;
import dev.tributary.PublishOptions;
import dev.tributary.Publisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** Books every invoice, then asks shipping of the tenant's region to ship it. */
@ApplicationScoped
public class Ledger {

    private final List<Invoice> booked = new CopyOnWriteArrayList<>();

    @Inject
    @Channel("shipments.{region}")
    Publisher<Invoice> shipments;

    @Incoming("invoices")
    public CompletionStage<Void> book(Message<Invoice> message) {
        Invoice invoice = message.body();
        booked.add(invoice);
        System.out.printf("ledger    <- invoice for order %s: %s EUR to %s (correlation %s)%n", invoice.orderId(),
                invoice.amount(), invoice.customerName(), message.correlationId());
        String region = invoice.tenant() == null ? "default" : invoice.tenant();
        return shipments.publish(invoice, PublishOptions.builder().pathParam("region", region)
                .correlationId(message.correlationId()).build());
    }

    public List<Invoice> booked() {
        return List.copyOf(booked);
    }
}
