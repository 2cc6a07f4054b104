package dev.tributary;

/**
 * Publishers created at runtime, for channels not known when the application was written (FastStream's
 * {@code broker.publisher(...)}). Inject it: {@code @Inject Publishers publishers;}. A channel resolves as
 * for {@code @Channel}: {@code tributary.channels.<name>.address} and {@code .connector} apply, else the
 * name is the address.
 *
 * <p>Thread-safe. Publishers are cached per channel, connector and body type: asking twice is cheap.
 * Fails with a {@link TributaryException} when Tributary is not running, the connector is unknown or
 * ambiguous, or the address is invalid or contains wildcards.
 */
public interface Publishers {

    /** A publisher for a channel on the connector configuration picks (or the only one). */
    <T> Publisher<T> channel(String channel, Class<T> bodyType);

    /** A publisher for a channel on the named connector (it wins over {@code tributary.channels.<name>.connector}). */
    <T> Publisher<T> channel(String channel, String connector, Class<T> bodyType);
}
