package dev.tributary.examples.orders;

/** Where an order stands: placed by the REST call, then settled by {@link Fulfilment}. */
public enum OrderStatus {
    /** Stored; the {@link OrderPlaced} event is on its way to the broker. */
    PLACED,
    /** The customer directory knows the customer and the customer may order. */
    CONFIRMED,
    /** The customer is unknown or blocked. */
    REJECTED
}
