package dev.tributary.memory;

import dev.tributary.TributaryException;
import dev.tributary.spi.AddressSyntax;
import dev.tributary.spi.ConnectorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The in-memory connector's settings, declared once: keys of {@code tributary.connectors.<name>.*}, their
 * defaults and meaning. The module README's table lists exactly {@link #KEYS} (a test checks it).
 * Immutable.
 *
 * @param syntax {@value #SYNTAX}: how addresses are written and matched: {@code mqtt} ({@code a/b},
 *        {@code +}, {@code #}), {@code nats} ({@code a.b}, {@code *}, {@code >}), {@code amqp}
 *        ({@code a.b}, {@code *}, {@code #}), {@code redis} ({@code a.b}, {@code *}) or {@code kafka}
 *        (no wildcards, {@code {param}} templates only). Default {@code nats}. When the runtime substitutes
 *        the memory connector for a real broker in tests it sets this to the replaced connector's type.
 * @param group {@value #GROUP}: the default consumer group of subscriptions that name none. Subscriptions of
 *        one group on one address share one durable queue: each message goes to one of them (round robin,
 *        or by ordering key), and messages published while no member is subscribed wait in the queue.
 *        Empty (default): every subscription has a queue of its own, deleted when it stops, and each
 *        receives every matching message (fan-out).
 * @param requestTimeout {@value #REQUEST_TIMEOUT}: the timeout of a request when the caller gives none
 *        (zero or negative). Default 30 s.
 * @param deadLetter {@value #DEAD_LETTER}: the address rejected messages are republished to, headers kept;
 *        empty (default): rejected messages are dropped.
 * @param redelivery {@value #REDELIVERY}: whether a nack redelivers the message to its queue (ahead of newer
 *        messages, redelivery count + 1). Default {@code true}, except in test mode.
 * @param maxRedeliveries {@value #MAX_REDELIVERIES}: after this many redeliveries a nack acts as a reject
 *        (dead-letter or drop); negative (default -1): no limit.
 * @param broker {@value #BROKER}: the name of a JVM-wide in-process broker shared by every memory connector
 *        that names it (for example two applications in one test JVM); empty (default): a broker private to
 *        this connector.
 * @param testMode {@value #TEST_MODE}: test-broker mode: nack does not redeliver (unless {@code redelivery}
 *        is set explicitly) and deliveries are tracked so that the test broker can wait until handlers are
 *        done. Default: the system property {@code tributary.testing.substitute-connectors}.
 * @param maxQueued {@value #MAX_QUEUED}: how many messages one queue holds for its consumers before publishing
 *        to it slows down: beyond it a publish's stage completes only once the queue has drained to half
 *        (like a broker's flow control), so a producer that awaits its publishes keeps memory flat while
 *        consumers are slow or paused. Default 10,000.
 * @param publishTimeout {@value #PUBLISH_TIMEOUT}: how long a publish waits for room in a full queue before its
 *        stage fails with {@code TRB-MEM014}. Default 30 s.
 */
public record MemoryConfig(AddressSyntax syntax, String group, Duration requestTimeout, String deadLetter,
        boolean redelivery, int maxRedeliveries, String broker, boolean testMode, int maxQueued,
        Duration publishTimeout) {

    public static final String SYNTAX = "syntax";
    public static final String GROUP = "group";
    public static final String REQUEST_TIMEOUT = "request.timeout";
    public static final String DEAD_LETTER = "dead-letter";
    public static final String REDELIVERY = "redelivery";
    public static final String MAX_REDELIVERIES = "max-redeliveries";
    public static final String BROKER = "broker";
    public static final String TEST_MODE = "test-mode";
    public static final String MAX_QUEUED = "max-queued";
    public static final String PUBLISH_TIMEOUT = "publish.timeout";

    /** Every key, in documentation order. */
    public static final List<String> KEYS = List.of(SYNTAX, GROUP, REQUEST_TIMEOUT, DEAD_LETTER, REDELIVERY,
            MAX_REDELIVERIES, BROKER, TEST_MODE, MAX_QUEUED, PUBLISH_TIMEOUT);

    /** The system property the test broker sets while it runs; makes {@code test-mode} default to true. */
    public static final String SUBSTITUTE_PROPERTY = "tributary.testing.substitute-connectors";

    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_MAX_QUEUED = 10_000;
    static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(MemoryConfig.class.getName());

    /** The defaults (no configuration). */
    public static MemoryConfig defaults() {
        return from(new ConnectorConfig("memory", java.util.Map.of()));
    }

    /** Reads a connector section; fails with a coded {@link TributaryException} on an invalid value. */
    public static MemoryConfig from(ConnectorConfig config) {
        boolean testMode = config.getBoolean(TEST_MODE, Boolean.getBoolean(SUBSTITUTE_PROPERTY));
        AddressSyntax syntax = syntax(config, testMode);
        boolean redelivery = config.getBoolean(REDELIVERY, !testMode);
        return new MemoryConfig(syntax, blankToNull(config.get(GROUP, null)),
                config.getDuration(REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT), blankToNull(config.get(DEAD_LETTER, null)),
                redelivery, config.getInt(MAX_REDELIVERIES, -1), blankToNull(config.get(BROKER, null)), testMode,
                positive(config, MAX_QUEUED, config.getInt(MAX_QUEUED, DEFAULT_MAX_QUEUED)),
                config.getDuration(PUBLISH_TIMEOUT, DEFAULT_PUBLISH_TIMEOUT));
    }

    private static int positive(ConnectorConfig config, String key, int value) {
        if (value < 1) {
            throw MemoryErrors.invalidConfig(config.name(), key, String.valueOf(value), "a positive number");
        }
        return value;
    }

    private static AddressSyntax syntax(ConnectorConfig config, boolean testMode) {
        String name = config.get(SYNTAX, "nats").trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.equals(MemoryConnectorProvider.TYPE)) {
            return AddressSyntax.NATS;
        }
        try {
            return AddressSyntax.named(name);
        } catch (TributaryException e) {
            if (testMode) {
                // a substituted connector of a type without a known syntax (a custom broker): still run its handlers
                LOG.log(System.Logger.Level.WARNING, "TRB-MEM008 memory connector '" + config.name()
                        + "' stands in for a broker of type '" + name + "' whose address syntax is unknown;"
                        + " matching addresses with the nats syntax");
                return AddressSyntax.NATS;
            }
            throw MemoryErrors.invalidConfig(config.name(), SYNTAX, name, "one of mqtt, nats, amqp, redis, kafka");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
