package dev.tributary.examples.quickstart;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** The shop's own record of an order, written in the same transaction as its outbox row. */
@Entity
@Table(name = "placed_order")
public class PlacedOrder {
    @Id
    private String id;
    private String customerId;
    private BigDecimal total;
    private String tenant;

    protected PlacedOrder() {
    }

    PlacedOrder(Order order, String tenant) {
        this.id = order.id();
        this.customerId = order.customerId();
        this.total = order.total();
        this.tenant = tenant;
    }

    public String getId() {
        return id;
    }
}
