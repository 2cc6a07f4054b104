package dev.tributary.examples.orders;

import dev.tributary.PublishOptions;
import dev.tributary.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/** Stores and settles orders, each call in one container-managed JTA transaction. */
@ApplicationScoped
public class OrderDesk {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    SettlementTrail trail;

    /**
     * Stores a new order (status {@link OrderStatus#PLACED}) and, in the same transaction, its {@link OrderPlaced}
     * event in the outbox: both are committed or neither. The outbox relays the event to Kafka after the commit
     * ({@link OutboxRelay}).
     *
     * @throws DuplicateOrderException when the order id is taken (the whole transaction, event included, is rolled back)
     */
    @Transactional
    public OrderView place(PlaceOrder order) {
        String id = order.orderId() != null ? order.orderId() : UUID.randomUUID().toString();
        PurchaseOrder stored = new PurchaseOrder(id, order.customerId(), order.item(), order.quantity());
        em.persist(stored);
        outbox.publish(new OrderPlaced(id, order.customerId(), order.item(), order.quantity()), "orders",
                PublishOptions.builder().key(id).build());
        try {
            em.flush(); // a duplicate id fails here, after the outbox write: the rollback must take both away
        } catch (PersistenceException e) {
            throw new DuplicateOrderException(id, e);
        }
        return stored.view();
    }

    /**
     * Settles an order with the customer the directory returned: confirmed for an active customer, rejected
     * otherwise, and stores the event's {@link SettlementTrail}. Idempotent (an event delivered twice settles once).
     * Needs an active request context (a handler invocation or an HTTP request).
     *
     * @return the order after settlement, empty when no such order is stored
     */
    @Transactional
    public Optional<OrderView> settle(String orderId, Customer customer) {
        PurchaseOrder order = em.find(PurchaseOrder.class, orderId);
        if (order == null) {
            return Optional.empty();
        }
        OrderStatus outcome = customer.active() ? OrderStatus.CONFIRMED : OrderStatus.REJECTED;
        trail.add("settled " + outcome);
        order.settle(outcome, customer.name(), trail.text());
        return Optional.of(order.view());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<OrderView> find(String orderId) {
        return Optional.ofNullable(em.find(PurchaseOrder.class, orderId)).map(PurchaseOrder::view);
    }
}
