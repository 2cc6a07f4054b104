package dev.tributary.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.AckPolicy;
import dev.tributary.SubscribeOptions;
import dev.tributary.tck.BodyContract.Order;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Contract area 9: a payload that cannot be decoded never reaches the handler and never stops the
 * subscription: it is settled on the error path (acked under ACK/ACK_FIRST, rejected otherwise, never
 * redelivered) and the next valid message is consumed.
 */
public abstract class BadInputContract extends TckContract {

    private static final byte[] MALFORMED = "{\"id\": oops".getBytes(StandardCharsets.UTF_8);

    private void malformedThenValid(AckPolicy policy, ObservedMessage.Outcome expected) {
        TckApp app = app();
        String a = address("bad-" + policy.name().toLowerCase(java.util.Locale.ROOT));
        Inbox<Order> inbox = new Inbox<>();
        app.subscriptions().subscribe(SubscribeOptions.builder(a).ackPolicy(policy).build(), Order.class, inbox);
        ObservedSubscription observed = app.connector().subscription(a);
        Order valid = new Order("ok", 1, List.of());

        complete(app.sendRaw(a, MALFORMED, "application/json", Map.of()));
        complete(app.publishers().channel(a, Order.class).publish(valid));

        await("the valid message").until(() -> inbox.size() == 1);
        assertThat(inbox.get(0).body()).isEqualTo(valid);
        List<ObservedMessage> bad = observed.delivered.stream()
                .filter(m -> java.util.Arrays.equals(m.body(), MALFORMED)).toList();
        assertThat(bad).as("deliveries of the malformed message").hasSize(1);
        assertThat(bad.get(0).outcome).isEqualTo(expected);
    }

    @Test
    void aMalformedPayloadIsRejectedAndTheNextMessageConsumed() {
        malformedThenValid(AckPolicy.REJECT_ON_ERROR, ObservedMessage.Outcome.REJECT);
    }

    @Test
    void aMalformedPayloadIsNotRedeliveredUnderNackOnError() {
        malformedThenValid(AckPolicy.NACK_ON_ERROR, ObservedMessage.Outcome.REJECT);
    }

    @Test
    void aMalformedPayloadIsAckedUnderAck() {
        malformedThenValid(AckPolicy.ACK, ObservedMessage.Outcome.ACK);
    }
}
