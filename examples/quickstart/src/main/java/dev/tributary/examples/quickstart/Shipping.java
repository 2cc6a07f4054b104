package dev.tributary.examples.quickstart;

import dev.tributary.Incoming;
import dev.tributary.PathParam;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Ships per region: "shipments.{region}" subscribes to every region and binds the level. */
@ApplicationScoped
public class Shipping {

    private final List<String> shipped = new CopyOnWriteArrayList<>();

    @Incoming("shipments.{region}")
    public void ship(Invoice invoice, @PathParam("region") String region) {
        shipped.add(region + ":" + invoice.orderId());
        System.out.printf("shipping  <- order %s to region %s%n", invoice.orderId(), region);
    }

    public List<String> shipped() {
        return List.copyOf(shipped);
    }
}
