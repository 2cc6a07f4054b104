package dev.tributary.examples.quickstart;

import java.math.BigDecimal;
import java.util.List;

/** An order as the shop publishes it on "orders" (JSON on the wire). */
public record Order(String id, String customerId, List<Line> lines) {

    /** One order line. */
    public record Line(String sku, int quantity, BigDecimal unitPrice) {
    }

    public BigDecimal total() {
        return lines.stream().map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
