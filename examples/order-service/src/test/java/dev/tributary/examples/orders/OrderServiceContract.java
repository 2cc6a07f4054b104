package dev.tributary.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The order service's whole flow over HTTP, against a real Kafka broker, in one application server. One
 * subclass per server (WildFly, Open Liberty, Payara Micro), each run by its own Failsafe execution with that
 * server's Arquillian adapter on the class path ({@code arquillian.launch} picks its {@code arquillian.xml} entry).
 *
 * <p>The WAR is the one Maven built ({@code target/order-service.war}), with its {@code microprofile-config.properties}
 * replaced by one naming the broker this JVM started. It is deployed by the tests themselves (not managed by
 * Arquillian) so that one test can undeploy and redeploy it.
 */
@ExtendWith(KafkaBrokerExtension.class)
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class OrderServiceContract {

    static final String DEPLOYMENT = "order-service";
    private static final Duration FLOW_DEADLINE = Duration.ofSeconds(60);
    private static final Set<Class<?>> DEPLOYED = ConcurrentHashMap.newKeySet();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive orderService() throws IOException {
        File built = new File(System.getProperty("order-service.war", "target/order-service.war"));
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, built);
        String path = "WEB-INF/classes/META-INF/microprofile-config.properties";
        String shipped;
        try (InputStream in = war.get(path).getAsset().openStream()) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String servers = KafkaBrokerExtension.broker().bootstrapServers();
        String config = shipped.replaceAll("(?m)^tributary\\.connectors\\.kafka\\.bootstrap\\.servers=.*$",
                "tributary.connectors.kafka.bootstrap.servers=" + servers);
        assertThat(config).as("the WAR's configuration names the test broker").contains("=" + servers);
        war.delete(path);
        war.add(new StringAsset(config), path);
        return war;
    }

    @BeforeEach
    void deployOnce() {
        if (DEPLOYED.add(getClass())) {
            deployer.deploy(DEPLOYMENT);
        }
    }

    @Test
    @Order(1)
    void anOrderOfAnActiveCustomerIsConfirmedThroughTheBroker() throws Exception {
        JsonObject placed = place("c-1", "book", 2);
        assertThat(placed.getString("status")).isEqualTo("PLACED");
        String id = placed.getString("id");

        JsonObject settled = awaitSettled(id);
        assertThat(settled.getString("status")).isEqualTo("CONFIRMED");
        assertThat(settled.getString("customerName")).isEqualTo("Ada Lovelace");
        assertThat(settled.getInt("quantity")).isEqualTo(2);
        // a request-scoped bean filled during this event's handling, and only this one's
        assertThat(settled.getString("trail")).isEqualTo("customer c-1 active; settled CONFIRMED");

        // the event went from the outbox to the real broker, keyed by the order id
        ConsumerRecord<String, String> relayed = awaitRecord("orders", id);
        assertThat(relayed.key()).isEqualTo(id);
        assertThat(header(relayed, "content-type")).isEqualTo("application/json");
        assertThat(Json.createReader(new StringReader(relayed.value())).readObject().getString("customerId"))
                .isEqualTo("c-1");

        // the settlement left the application on the real broker, in FastStream's wire format
        ConsumerRecord<String, String> announced = awaitRecord("orders.settled", id);
        assertThat(Json.createReader(new StringReader(announced.value())).readObject().getString("status"))
                .isEqualTo("CONFIRMED");
        assertThat(header(announced, "content-type")).isEqualTo("application/json");
        // one correlation id from the outbox row through the relay to the announcement (given on purpose: a plain
        // publish's made-up id stays off the wire)
        assertThat(header(relayed, "correlation_id")).isNotBlank();
        assertThat(header(announced, "correlation_id")).isEqualTo(header(relayed, "correlation_id"));
    }

    @Test
    @Order(2)
    void anOrderOfABlockedCustomerIsRejected() throws Exception {
        String id = place("c-9", "lamp", 1).getString("id");
        JsonObject settled = awaitSettled(id);
        assertThat(settled.getString("status")).isEqualTo("REJECTED");
        assertThat(settled.getString("customerName")).isEqualTo("Blocked Account");
        assertThat(settled.getString("trail")).as("a fresh request context per message")
                .isEqualTo("customer c-9 blocked; settled REJECTED");
    }

    @Test
    @Order(3)
    void aRolledBackOrderLeavesNoEventBehind() throws Exception {
        String id = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        String first = Json.createObjectBuilder().add("orderId", id).add("customerId", "c-1").add("item", "book")
                .add("quantity", 1).build().toString();
        assertThat(post("api/orders", first).statusCode()).isEqualTo(202);
        assertThat(awaitSettled(id).getString("status")).isEqualTo("CONFIRMED");

        // same id again: the insert fails at the flush after outbox.publish(); the rollback takes the outbox row too
        String again = Json.createObjectBuilder().add("orderId", id).add("customerId", "c-2").add("item", "pen")
                .add("quantity", 5).build().toString();
        assertThat(post("api/orders", again).statusCode()).isEqualTo(409);

        assertThat(recordsAbout("orders", id, Duration.ofSeconds(2))).as("OrderPlaced events for %s on Kafka", id)
                .hasSize(1).first().satisfies(r -> assertThat(r.value()).contains("\"customerId\":\"c-1\""));
        JsonObject order = awaitSettled(id);
        assertThat(order.getString("customerId")).isEqualTo("c-1");
        assertThat(order.getInt("quantity")).isEqualTo(1);
    }

    @Test
    @Order(4)
    void unknownOrdersAndInvalidRequestsAreRefused() throws Exception {
        assertThat(get("api/orders/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(post("api/orders", "{\"customerId\":\"c-1\",\"item\":\"book\",\"quantity\":0}").statusCode())
                .isEqualTo(400);
    }

    @Test
    @Order(5)
    void undeployLeavesNoConsumerNorThreadBehindAndRedeployServesAgain() throws Exception {
        awaitSettled(place("c-2", "pen", 3).getString("id"));
        JsonObject before = messagingThreads();
        System.out.println("messaging threads while deployed: " + before);
        assertThat(threads(before)).as("Tributary/Kafka threads while deployed").isNotEmpty();
        assertThat(members("tributary-orders")).as("members of the orders consumer group while deployed").isPositive();

        deployer.undeploy(DEPLOYMENT);
        DEPLOYED.remove(getClass());
        afterUndeploy(pid(before));
        for (String group : List.of("tributary-orders", "tributary-customers.lookup")) {
            await("consumer group " + group + " empty after undeploy").atMost(Duration.ofSeconds(20))
                    .until(() -> members(group) == 0);
        }
        assertThat(statusOrRefused("api/runtime/threads")).as("the application is gone").isIn(404, -1);

        deployer.deploy(DEPLOYMENT);
        DEPLOYED.add(getClass());
        JsonObject settled = awaitSettled(place("c-1", "mug", 1).getString("id"));
        assertThat(settled.getString("status")).isEqualTo("CONFIRMED");

        JsonObject after = messagingThreads();
        System.out.println("messaging threads after the redeploy: " + after);
        if (after.getString("jvm").equals(before.getString("jvm"))) {
            // WildFly, Open Liberty: same JVM, so every thread of the first deployment must be gone
            Set<Long> oldIds = ids(threads(before));
            assertThat(threads(after)).as("threads of the first deployment still alive after the redeploy")
                    .noneMatch(t -> oldIds.contains(t.getJsonNumber("id").longValue()));
        }
        assertThat(normalised(threads(after))).as("the same kinds of threads as before, not more")
                .containsExactlyInAnyOrderElementsOf(normalised(threads(before)));
    }

    /**
     * Called right after the undeploy with the process id of the server JVM that ran the application; returns when
     * the server can take the next deployment. Default: at once (the server keeps running without the application).
     */
    void afterUndeploy(long serverPid) throws Exception {
    }

    private static long pid(JsonObject threadsSnapshot) {
        String jvm = threadsSnapshot.getString("jvm");
        return Long.parseLong(jvm.substring(0, jvm.indexOf('@')));
    }

    // ---------------------------------------------------------------------------------------------------------

    private JsonObject place(String customer, String item, int quantity) throws Exception {
        HttpResponse<String> response = post("api/orders",
                Json.createObjectBuilder().add("customerId", customer).add("item", item).add("quantity", quantity)
                        .build().toString());
        assertThat(response.statusCode()).as("POST /api/orders: %s", response.body()).isEqualTo(202);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/api/orders/"));
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private JsonObject awaitSettled(String id) {
        JsonObject[] last = new JsonObject[1];
        await("order " + id + " settled").atMost(FLOW_DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> r = get("api/orders/" + id);
            assertThat(r.statusCode()).as("GET order: %s", r.body()).isEqualTo(200);
            last[0] = Json.createReader(new StringReader(r.body())).readObject();
            return !last[0].getString("status").equals("PLACED");
        });
        return last[0];
    }

    /** {@code {"jvm": "<pid>@<start>", "threads": [{"id": 42, "name": "..."}, ...]}} of the deployed application. */
    private JsonObject messagingThreads() throws Exception {
        HttpResponse<String> r = get("api/runtime/threads");
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    private static List<JsonObject> threads(JsonObject snapshot) {
        JsonArray threads = snapshot.getJsonArray("threads");
        return threads.stream().map(JsonValue::asJsonObject).toList();
    }

    private static Set<Long> ids(Collection<JsonObject> threads) {
        Set<Long> ids = new HashSet<>();
        threads.forEach(t -> ids.add(t.getJsonNumber("id").longValue()));
        return ids;
    }

    /** Thread names with their counters removed ("producer-3" → "producer-#"): kinds of threads, not instances. */
    private static List<String> normalised(Collection<JsonObject> threads) {
        return threads.stream().map(t -> t.getString("name").replaceAll("\\d+", "#")).sorted().toList();
    }

    private static int members(String group) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.broker().bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS);
            return groups.get(group).members().size();
        }
    }

    private static ConsumerRecord<String, String> awaitRecord(String topic, String text) {
        try (KafkaConsumer<String, String> consumer = readerFromStart(topic)) {
            ConsumerRecord<String, String>[] found = new ConsumerRecord[1];
            await("a record about " + text + " on " + topic).atMost(FLOW_DEADLINE).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && r.value().contains(text)) {
                        found[0] = r;
                    }
                }
                return found[0] != null;
            });
            return found[0];
        }
    }

    /** A group-less consumer of partition 0 (every topic here has one), from the beginning: no group join to wait for. */
    private static KafkaConsumer<String, String> readerFromStart(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.broker().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        return consumer;
    }

    /** Every record of the topic whose value mentions {@code text}, read from the start for {@code window}. */
    private static List<ConsumerRecord<String, String>> recordsAbout(String topic, String text, Duration window) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = readerFromStart(topic)) {
            long end = System.nanoTime() + window.toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && r.value().contains(text)) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(40))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The HTTP status of a GET, or -1 when nothing listens any more (Payara Micro stops with its deployment). */
    private int statusOrRefused(String path) throws InterruptedException {
        try {
            return get(path).statusCode();
        } catch (ConnectException e) {
            return -1;
        } catch (IOException e) {
            return -2;
        }
    }

    private static URI base() {
        return URI.create("http://127.0.0.1:" + System.getProperty("it.http.port", "8080") + "/" + DEPLOYMENT + "/");
    }
}
