package dev.tributary.examples.orders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Makes the container-managed, transaction-scoped {@link EntityManager} of the {@code orders} unit a
 * {@code @Default} CDI bean, so that this application and the outbox write through the same persistence
 * context (and so the same JTA transaction and datasource connection).
 */
@ApplicationScoped
public class OrdersPersistence {

    @Produces
    @PersistenceContext(unitName = "orders")
    EntityManager entityManager;
}
