package dev.tributary.examples.quickstart;

import dev.tributary.Incoming;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Answers lookups: whoever sends a request to "customers.lookup" gets the {@link Customer} back on its
 * reply address, with its correlation id echoed.
 */
@ApplicationScoped
public class CustomerDirectory {

    private static final Map<String, Customer> CUSTOMERS = Map.of(
            "c-1", new Customer("c-1", "Ada Lovelace", true),
            "c-2", new Customer("c-2", "Grace Hopper", false));

    @Incoming("customers.lookup")
    public Customer lookup(String customerId) {
        Customer c = CUSTOMERS.get(customerId);
        return c != null ? c : new Customer(customerId, "unknown customer", false);
    }
}
