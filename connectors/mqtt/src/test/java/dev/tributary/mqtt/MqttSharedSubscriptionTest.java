package dev.tributary.mqtt;

import static dev.tributary.mqtt.TestContext.send;
import static dev.tributary.mqtt.TestContext.spec;
import static dev.tributary.mqtt.TestContext.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.AckPolicy;
import dev.tributary.tck.brokers.Brokers;
import dev.tributary.tck.brokers.MosquittoBroker;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two subscribers in one shared group split the messages: each gets some, none gets one twice or both. */
@ExtendWith(Brokers.class)
class MqttSharedSubscriptionTest {

    private final TestContext ctx = new TestContext();

    @AfterEach
    void close() {
        ctx.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.0", "3.1.1"})
    void twoMembersOfAGroupSplitTheLoad(String version, MosquittoBroker broker) {
        String root = topic("shared");
        String template = root + "/{device}";
        RecordingSink a = RecordingSink.acking();
        RecordingSink b = RecordingSink.acking();
        MqttConnector ca = ctx.connector(broker, version);
        MqttConnector cb = ctx.connector(broker, version);
        MqttSubscription sa = (MqttSubscription) ca.subscribe(spec(template, AckPolicy.ACK, "shared", "workers"), a);
        cb.subscribe(spec(template, AckPolicy.ACK, "shared", "workers"), b);
        assertThat(sa.filter).isEqualTo("$share/workers/" + root + "/+");
        MqttConnector publisher = ctx.connector(broker, version);

        for (int i = 0; i < 40; i++) {
            send(publisher, TestContext.withOptions(root + "/d" + i, "m" + i, Map.of("qos", 1)));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> a.size() + b.size() == 40);
        assertThat(a.size()).as("member a's share").isPositive();
        assertThat(b.size()).as("member b's share").isPositive();
        Set<String> both = new HashSet<>(a.bodies());
        both.retainAll(b.bodies());
        assertThat(both).as("messages delivered to both").isEmpty();
        assertThat(a.get(0).address()).as("the concrete topic, not the shared filter").startsWith(root + "/d");
    }
}
