package dev.tributary.examples.orders;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An order as stored in the container's datasource. */
@Entity
@Table(name = "PURCHASE_ORDER")
public class PurchaseOrder {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false)
    private String customerId;

    @Column(nullable = false)
    private String item;

    private int quantity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private OrderStatus status;

    private String customerName;

    @Column(length = 1000)
    private String trail;

    @Version
    private long version;

    protected PurchaseOrder() {
        // for JPA
    }

    PurchaseOrder(String id, String customerId, String item, int quantity) {
        this.id = id;
        this.customerId = customerId;
        this.item = item;
        this.quantity = quantity;
        this.status = OrderStatus.PLACED;
    }

    /** Settles a placed order once; a second settlement (a redelivered event) changes nothing. */
    void settle(OrderStatus outcome, String customerName, String trail) {
        if (status == OrderStatus.PLACED) {
            this.status = outcome;
            this.customerName = customerName;
            this.trail = trail;
        }
    }

    String id() {
        return id;
    }

    OrderView view() {
        return new OrderView(id, customerId, item, quantity, status, customerName, trail);
    }
}
