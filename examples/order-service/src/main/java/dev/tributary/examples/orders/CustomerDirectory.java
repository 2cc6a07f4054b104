package dev.tributary.examples.orders;

import dev.tributary.Incoming;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The customer service, answering lookups on {@code customers.lookup}: a request's reply goes back to the
 * requester's reply topic with its correlation id (request/reply over Kafka). Here it lives in the same WAR to
 * keep the example one deployment; in real life it is another service on the same broker.
 */
@ApplicationScoped
public class CustomerDirectory {

    private static final Map<String, Customer> CUSTOMERS = Map.of(
            "c-1", new Customer("c-1", "Ada Lovelace", true),
            "c-2", new Customer("c-2", "Grace Hopper", true),
            "c-9", new Customer("c-9", "Blocked Account", false));

    @Incoming("customers.lookup")
    public Customer lookup(String customerId) {
        Customer known = CUSTOMERS.get(customerId);
        return known != null ? known : new Customer(customerId, null, false);
    }
}
