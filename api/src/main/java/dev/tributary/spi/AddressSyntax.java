package dev.tributary.spi;

/**
 * How a broker spells addresses: the level separator and its wildcards. The runtime uses it to turn
 * {@code {param}} templates into subscribe addresses and to match concrete addresses.
 *
 * @param name a short name ({@code mqtt}, {@code nats}, …)
 * @param separator the level separator
 * @param singleWildcard the single-level wildcard, or {@code null} when the broker has none
 * @param multiWildcard the multi-level wildcard (last level only), or {@code null}
 * @param multiMatchesZero whether the multi-level wildcard also matches zero levels (MQTT {@code #}, AMQP {@code #})
 */
public record AddressSyntax(String name, String separator, String singleWildcard, String multiWildcard,
        boolean multiMatchesZero) {

    /** MQTT topics: {@code a/b}, {@code +}, {@code #}. */
    public static final AddressSyntax MQTT = new AddressSyntax("mqtt", "/", "+", "#", true);
    /** NATS subjects: {@code a.b}, {@code *}, {@code >}. */
    public static final AddressSyntax NATS = new AddressSyntax("nats", ".", "*", ">", false);
    /** AMQP topic exchange routing keys: {@code a.b}, {@code *}, {@code #}. */
    public static final AddressSyntax AMQP = new AddressSyntax("amqp", ".", "*", "#", true);
    /** Redis channels (pattern subscribe with {@code *}). */
    public static final AddressSyntax REDIS = new AddressSyntax("redis", ".", "*", null, false);
    /** Kafka topics: no wildcards; templates become regex subscriptions ({@link AddressTemplate#toRegex()}). */
    public static final AddressSyntax KAFKA = new AddressSyntax("kafka", ".", null, null, false);

    /** Whether the broker has wildcards at all. */
    public boolean hasWildcards() {
        return singleWildcard != null || multiWildcard != null;
    }

    /** The preset with this name ({@code mqtt}, {@code nats}, {@code amqp}/{@code rabbitmq}, {@code redis}, {@code kafka}). */
    public static AddressSyntax named(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "mqtt" -> MQTT;
            case "nats" -> NATS;
            case "amqp", "rabbitmq", "rabbit" -> AMQP;
            case "redis" -> REDIS;
            case "kafka" -> KAFKA;
            default -> throw new dev.tributary.TributaryException("TRB-ADR006", "unknown address syntax '" + name
                    + "'; use one of mqtt, nats, amqp, redis, kafka");
        };
    }
}
