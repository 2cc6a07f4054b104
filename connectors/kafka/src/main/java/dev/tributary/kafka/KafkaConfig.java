package dev.tributary.kafka;

import dev.tributary.TributaryException;
import dev.tributary.spi.ConnectorConfig;
import dev.tributary.spi.CorrelationIdPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Kafka connector's settings, declared once: keys of {@code tributary.connectors.<name>.*}, their defaults
 * and meaning. The module README's table lists exactly {@link #KEYS} (a test checks it). Immutable.
 *
 * @param bootstrapServers {@value #BOOTSTRAP_SERVERS}: the cluster to connect to. Default {@code localhost:9092}.
 * @param groupId {@value #GROUP_ID}: the consumer group of subscriptions that name none; empty (default): each
 *        subscription uses the group {@code tributary-<channel>}, so instances of one application share the work.
 * @param autoOffsetReset {@value #AUTO_OFFSET_RESET}: where a group without a committed offset starts:
 *        {@code earliest} (default: a new group never misses a record published after it subscribed, even
 *        before its partitions were assigned), {@code latest} or {@code none}.
 * @param ordering {@value #ORDERING}: what {@code maxWorkers > 1} keeps in order: {@code partition} (default:
 *        records of one partition are handled one at a time, in offset order) or {@code key} (records with the
 *        same record key in order; keyless records in no particular order, spread over the workers). It decides
 *        the ordering key the runtime sees ({@code InboundMessage.key()}): {@code <topic>-<partition>}, or the
 *        record key.
 * @param publishTimeout {@value #PUBLISH_TIMEOUT}: how long a publish may take before its stage fails
 *        ({@code TRB-KAF004}); sets the producer's {@code delivery.timeout.ms} and {@code max.block.ms}. Default 30 s.
 * @param commitInterval {@value #COMMIT_INTERVAL}: how often the poll thread commits the highest contiguous
 *        processed offset of each partition (asynchronously). Default 1 s.
 * @param pollTimeout {@value #POLL_TIMEOUT}: the longest one {@code poll} waits for records. Default 100 ms.
 * @param requestTimeout {@value #REQUEST_TIMEOUT}: the timeout of a request that gives none. Default 30 s.
 * @param replyTopic {@value #REPLY_TOPIC}: the topic replies to this connector's requests arrive on; empty
 *        (default): {@code tributary-replies-<uuid>}, created on the first request and deleted at close.
 * @param deadLetter {@value #DEAD_LETTER}: the topic rejected records are produced to (headers kept, plus
 *        {@code dlq-reason}, {@code dlq-topic}, {@code dlq-partition}, {@code dlq-offset}); empty (default): dropped.
 * @param correlationId {@value #CORRELATION_ID}: when records carry the {@code correlation_id} header: {@code auto}
 *        (default) when the id links the record to something (given by the application, inherited from the consumed
 *        message, or a request's), not for an id the runtime made up for a plain publish; {@code always} on every
 *        record (FastStream's habit); {@code omit} only on requests. A publishing channel's own
 *        {@code correlation-id} option wins.
 * @param healthInterval {@value #HEALTH_INTERVAL}: how often the cluster is probed for {@code health()}. Default 5 s.
 * @param connectTimeout {@value #CONNECT_TIMEOUT}: how long {@code start()} waits for the cluster to answer
 *        before failing with {@code TRB-KAF001}. Default 30 s.
 * @param securityProtocol {@value #SECURITY_PROTOCOL}: {@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT} or
 *        {@code SASL_SSL}; empty (default): {@code SASL_SSL} when {@code sasl.mechanism} is set, else kafka-clients'
 *        default ({@code PLAINTEXT}). TLS settings (trust store, key store) pass through as {@code kafka.ssl.*}.
 * @param saslMechanism {@value #SASL_MECHANISM}: {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512};
 *        with {@code sasl.username} and {@code sasl.password} the connector writes {@code sasl.jaas.config} (an
 *        explicit {@code kafka.sasl.jaas.config} wins). Empty (default): no SASL.
 * @param saslUsername {@value #SASL_USERNAME}: the SASL user name.
 * @param saslPassword {@value #SASL_PASSWORD}: the SASL password (never printed).
 * @param clientProperties {@value #CLIENT_PREFIX}{@code *}: any kafka-clients property, passed to every client
 *        (producer, consumers, admin), e.g. {@code kafka.security.protocol=SASL_SSL}.
 * @param producerProperties {@value #PRODUCER_PREFIX}{@code *}: kafka-clients properties for the producer only
 *        (e.g. {@code producer.linger.ms=5}); win over {@code kafka.*}.
 * @param consumerProperties {@value #CONSUMER_PREFIX}{@code *}: properties for consumers only (e.g.
 *        {@code consumer.max.poll.records=200}); win over {@code kafka.*}; a subscription's own {@code kafka.*}
 *        options win over both.
 */
public record KafkaConfig(String bootstrapServers, String groupId, String autoOffsetReset, String ordering,
        Duration publishTimeout, Duration commitInterval, Duration pollTimeout, Duration requestTimeout,
        String replyTopic, String deadLetter, CorrelationIdPolicy correlationId, Duration healthInterval, Duration connectTimeout,
        String securityProtocol, String saslMechanism, String saslUsername, String saslPassword,
        Map<String, String> clientProperties, Map<String, String> producerProperties,
        Map<String, String> consumerProperties) {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String GROUP_ID = "group.id";
    public static final String AUTO_OFFSET_RESET = "auto.offset.reset";
    public static final String ORDERING = "ordering";
    public static final String PUBLISH_TIMEOUT = "publish.timeout";
    public static final String COMMIT_INTERVAL = "commit.interval";
    public static final String POLL_TIMEOUT = "poll.timeout";
    public static final String REQUEST_TIMEOUT = "request.timeout";
    public static final String REPLY_TOPIC = "reply.topic";
    public static final String DEAD_LETTER = "dead-letter";
    public static final String CORRELATION_ID = CorrelationIdPolicy.KEY;
    public static final String HEALTH_INTERVAL = "health.interval";
    public static final String CONNECT_TIMEOUT = "connect.timeout";
    public static final String SECURITY_PROTOCOL = "security.protocol";
    public static final String SASL_MECHANISM = "sasl.mechanism";
    public static final String SASL_USERNAME = "sasl.username";
    public static final String SASL_PASSWORD = "sasl.password";
    public static final String CLIENT_PREFIX = "kafka.";
    public static final String PRODUCER_PREFIX = "producer.";
    public static final String CONSUMER_PREFIX = "consumer.";

    /** Every key, in documentation order (prefixes end with {@code *}). */
    public static final List<String> KEYS = List.of(BOOTSTRAP_SERVERS, GROUP_ID, AUTO_OFFSET_RESET, ORDERING,
            PUBLISH_TIMEOUT, COMMIT_INTERVAL, POLL_TIMEOUT, REQUEST_TIMEOUT, REPLY_TOPIC, DEAD_LETTER, CORRELATION_ID, HEALTH_INTERVAL,
            CONNECT_TIMEOUT, SECURITY_PROTOCOL, SASL_MECHANISM, SASL_USERNAME, SASL_PASSWORD, CLIENT_PREFIX + "*", PRODUCER_PREFIX + "*", CONSUMER_PREFIX + "*");

    /** {@value}: records of one partition in order ({@link #ordering()}). */
    public static final String ORDER_BY_PARTITION = "partition";
    /** {@value}: records of one record key in order ({@link #ordering()}). */
    public static final String ORDER_BY_KEY = "key";

    public KafkaConfig {
        clientProperties = Map.copyOf(clientProperties);
        producerProperties = Map.copyOf(producerProperties);
        consumerProperties = Map.copyOf(consumerProperties);
    }

    /** The defaults (no configuration). */
    public static KafkaConfig defaults() {
        return from(new ConnectorConfig("kafka", Map.of()));
    }

    /** Reads a connector section; fails with a coded {@link TributaryException} on an invalid value. */
    public static KafkaConfig from(ConnectorConfig c) {
        String name = c.name();
        return new KafkaConfig(
                nonBlank(c, BOOTSTRAP_SERVERS, "localhost:9092"),
                blankToNull(c.get(GROUP_ID, null)),
                offsetReset(name, AUTO_OFFSET_RESET, c.get(AUTO_OFFSET_RESET, "earliest"),
                        (k, v, e) -> KafkaErrors.invalidConfig(name, k, v, e)),
                ordering(name, ORDERING, c.get(ORDERING, ORDER_BY_PARTITION),
                        (k, v, e) -> KafkaErrors.invalidConfig(name, k, v, e)),
                positive(c, PUBLISH_TIMEOUT, c.getDuration(PUBLISH_TIMEOUT, Duration.ofSeconds(30))),
                positive(c, COMMIT_INTERVAL, c.getDuration(COMMIT_INTERVAL, Duration.ofSeconds(1))),
                positive(c, POLL_TIMEOUT, c.getDuration(POLL_TIMEOUT, Duration.ofMillis(100))),
                positive(c, REQUEST_TIMEOUT, c.getDuration(REQUEST_TIMEOUT, Duration.ofSeconds(30))),
                blankToNull(c.get(REPLY_TOPIC, null)),
                blankToNull(c.get(DEAD_LETTER, null)),
                CorrelationIdPolicy.parse(c.get(CORRELATION_ID, null), CorrelationIdPolicy.AUTO,
                        expected -> KafkaErrors.invalidConfig(name, CORRELATION_ID, c.get(CORRELATION_ID, null), expected)),
                positive(c, HEALTH_INTERVAL, c.getDuration(HEALTH_INTERVAL, Duration.ofSeconds(5))),
                positive(c, CONNECT_TIMEOUT, c.getDuration(CONNECT_TIMEOUT, Duration.ofSeconds(30))),
                choice(c, SECURITY_PROTOCOL, List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")),
                choice(c, SASL_MECHANISM, List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")),
                blankToNull(c.get(SASL_USERNAME, null)), c.get(SASL_PASSWORD, null),
                c.withPrefix(CLIENT_PREFIX), c.withPrefix(PRODUCER_PREFIX), c.withPrefix(CONSUMER_PREFIX));
    }

    /**
     * The properties common to every client of this connector: {@code bootstrap.servers}, the security settings,
     * then {@code kafka.*} (which wins).
     */
    Map<String, Object> commonClientProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        String protocol = securityProtocol != null ? securityProtocol : saslMechanism != null ? "SASL_SSL" : null;
        if (protocol != null) {
            p.put("security.protocol", protocol);
        }
        if (saslMechanism != null) {
            p.put("sasl.mechanism", saslMechanism);
            if (saslUsername != null) {
                String module = saslMechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                        : "org.apache.kafka.common.security.scram.ScramLoginModule";
                p.put("sasl.jaas.config", module + " required username=\"" + jaasQuote(saslUsername) + "\" password=\""
                        + jaasQuote(saslPassword == null ? "" : saslPassword) + "\";");
            }
        }
        p.putAll(clientProperties);
        return p;
    }

    private static String jaasQuote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String choice(ConnectorConfig c, String key, List<String> allowed) {
        String v = blankToNull(c.get(key, null));
        if (v == null) {
            return null;
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw KafkaErrors.invalidConfig(c.name(), key, v, "one of " + String.join(", ", allowed));
        }
        return upper;
    }

    /** Lists settings without secrets: client property values and the password are left out. */
    @Override
    public String toString() {
        return "KafkaConfig[bootstrap.servers=" + bootstrapServers + ", group.id=" + groupId + ", security.protocol="
                + securityProtocol + ", sasl.mechanism=" + saslMechanism + ", sasl.username=" + saslUsername
                + ", kafka.*=" + clientProperties.keySet() + ", producer.*=" + producerProperties.keySet()
                + ", consumer.*=" + consumerProperties.keySet() + "]";
    }

    @FunctionalInterface
    interface InvalidValue {
        TributaryException of(String key, String value, String expected);
    }

    static String offsetReset(String owner, String key, String value, InvalidValue invalid) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "earliest", "latest", "none" -> v;
            default -> throw invalid.of(key, value, "earliest, latest or none");
        };
    }

    static String ordering(String owner, String key, String value, InvalidValue invalid) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case ORDER_BY_PARTITION, ORDER_BY_KEY -> v;
            default -> throw invalid.of(key, value, "partition or key");
        };
    }

    private static Duration positive(ConnectorConfig c, String key, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw KafkaErrors.invalidConfig(c.name(), key, d.toString(), "a positive duration");
        }
        return d;
    }

    private static String nonBlank(ConnectorConfig c, String key, String dflt) {
        String v = c.get(key, dflt).trim();
        if (v.isEmpty()) {
            throw KafkaErrors.invalidConfig(c.name(), key, v, "host:port[,host:port…]");
        }
        return v;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
