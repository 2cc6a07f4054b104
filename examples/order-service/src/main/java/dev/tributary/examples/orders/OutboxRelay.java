package dev.tributary.examples.orders;

import dev.tributary.AckPolicy;
import dev.tributary.Incoming;
import dev.tributary.Message;
import dev.tributary.Outgoing;
import dev.tributary.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Relays the outbox's {@code orders} queue to the Kafka topic {@code orders}, keeping the row's ordering key (the
 * order id) as the record key. A row is deleted only after Kafka accepted the record; a failed publish is retried
 * with backoff ({@code NACK_ON_ERROR}) instead of turning the row DEAD at once.
 */
@ApplicationScoped
public class OutboxRelay {

    @Incoming(value = "orders", connector = "outbox", ackPolicy = AckPolicy.NACK_ON_ERROR)
    @Outgoing(value = "orders", connector = "kafka")
    public Response<OrderPlaced> relay(Message<OrderPlaced> row) {
        return Response.of(row.body()).key(row.key());
    }
}
