package dev.tributary.memory;

import static dev.tributary.memory.TestContext.connector;
import static dev.tributary.memory.TestContext.send;
import static dev.tributary.memory.TestContext.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.TributaryException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Address matching follows the configured broker's syntax. */
class MemoryMatchingTest {

    @ParameterizedTest(name = "{0}: ''{1}'' vs ''{2}'' -> {3}")
    @CsvSource({
            // MQTT: + one level, # any number of levels including none
            "mqtt, sensors/+/temp,        sensors/kitchen/temp,    true",
            "mqtt, sensors/+/temp,        sensors/kitchen/hum,     false",
            "mqtt, sensors/+/temp,        sensors/a/b/temp,        false",
            "mqtt, sensors/#,             sensors/a/b/temp,        true",
            "mqtt, sensors/#,             sensors,                 true",
            "mqtt, sensors/#,             other/a,                 false",
            "mqtt, sensors/{room}/temp,   sensors/kitchen/temp,    true",
            "mqtt, sensors/{room}/temp,   sensors/kitchen/x/temp,  false",
            "mqtt, a.b,                   a.b,                     true",
            // NATS: * one token, > one or more tokens
            "nats, orders.*,              orders.eu,               true",
            "nats, orders.*,              orders.eu.paris,         false",
            "nats, orders.>,              orders.eu.paris,         true",
            "nats, orders.>,              orders,                  false",
            "nats, orders.{region}.new,   orders.eu.new,           true",
            "nats, orders.{region}.new,   orders.eu.old,           false",
            // AMQP topic exchange: * one word, # zero or more
            "amqp, logs.*.error,          logs.db.error,           true",
            "amqp, logs.#,                logs,                    true",
            "amqp, logs.#,                logs.db.error,           true",
            "amqp, logs.*,                logs.db.error,           false",
            // Kafka: no wildcards, templates only; * is a plain character
            "kafka, orders.{region},      orders.eu,               true",
            "kafka, orders.*,             orders.eu,               false",
            "kafka, orders,               orders,                  true",
            "kafka, orders,               orders2,                 false",
            // Redis: * one level
            "redis, chat.*,               chat.room1,              true",
    })
    void matchesPerSyntax(String syntax, String pattern, String address, boolean expected) {
        MemoryConnector c = connector("syntax", syntax);
        RecordingSink sink = RecordingSink.acking();
        c.subscribe(spec(c, pattern), sink);

        send(c, address, "x");

        assertThat(sink.size()).isEqualTo(expected ? 1 : 0);
        if (expected) {
            assertThat(sink.messages.get(0).address()).isEqualTo(address);
        }
        c.close(null);
    }

    @ParameterizedTest
    @CsvSource({"nats, orders.*", "nats, orders.>", "mqtt, a/+/b", "mqtt, a/#", "amqp, a.#", "nats, a.{id}",
            "kafka, orders.{id}"})
    void publishingToAWildcardIsRefused(String syntax, String address) {
        MemoryConnector c = connector("syntax", syntax);
        RecordingSink sink = RecordingSink.acking();
        c.subscribe(spec(c, address), sink);

        assertThatThrownBy(() -> send(c, address, "x")).hasCauseInstanceOf(TributaryException.class)
                .hasMessageContaining("TRB-MEM001");
        assertThat(sink.size()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"kafka, orders.*", "redis, chat.>", "mqtt, a.*"})
    void charactersThatAreNoWildcardInTheSyntaxMayBePublished(String syntax, String address) {
        MemoryConnector c = connector("syntax", syntax);
        RecordingSink sink = RecordingSink.acking();
        c.subscribe(spec(c, address), sink);

        send(c, address, "x");

        assertThat(sink.size()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"nats, a.b", "mqtt, a/b"})
    void routeCacheSeesSubscriptionsAddedLater(String syntax, String address) {
        MemoryConnector c = connector("syntax", syntax);
        RecordingSink first = RecordingSink.acking();
        c.subscribe(spec(c, address), first);
        send(c, address, "1"); // caches the route
        RecordingSink second = RecordingSink.acking();
        var sub = c.subscribe(spec(c, address), second);

        send(c, address, "2");
        sub.stop();
        send(c, address, "3");

        assertThat(first.bodies()).containsExactly("1", "2", "3");
        assertThat(second.bodies()).containsExactly("2");
    }
}
