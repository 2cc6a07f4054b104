package dev.tributary.examples.orders;

import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened while one {@link OrderPlaced} event was handled, stored with the order. Request-scoped: Tributary
 * activates a fresh request context around each handler invocation, so every event starts with an empty trail.
 */
@RequestScoped
public class SettlementTrail {

    private final List<String> steps = new ArrayList<>();

    void add(String step) {
        steps.add(step);
    }

    String text() {
        return String.join("; ", steps);
    }
}
