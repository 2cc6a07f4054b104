package dev.tributary.cdi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot of every {@code tributary.*} configuration value, read once through MicroProfile Config when
 * the deployment is validated (system properties when no MicroProfile Config implementation is present).
 * Immutable after construction; read from any thread.
 */
final class RuntimeConfig {
    static final String PREFIX = "tributary.";
    static final String CONNECTORS = "tributary.connectors.";
    static final String CHANNELS = "tributary.channels.";

    /** Channel keys the runtime interprets itself; every other {@code tributary.channels.<n>.*} key is a connector option. */
    static final Set<String> CHANNEL_KEYS = Set.of("address", "connector", "ack-policy", "max-workers", "max-in-flight",
            "propagate-headers", "batch-size", "batch-wait");

    private final Map<String, String> values;

    RuntimeConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static RuntimeConfig load() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            readMicroProfile(out);
        } catch (LinkageError | IllegalStateException e) {
            // No MicroProfile Config implementation: fall back to system properties.
            System.getProperties().forEach((k, v) -> {
                if (k instanceof String key && key.startsWith(PREFIX) && v instanceof String s) {
                    out.put(key, s);
                }
            });
        }
        return new RuntimeConfig(out);
    }

    private static void readMicroProfile(Map<String, String> out) {
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                config.getOptionalValue(name, String.class).ifPresent(v -> out.put(name, v));
            }
        }
    }

    Optional<String> get(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    boolean getBoolean(String key) {
        return get(key).map(v -> v.equalsIgnoreCase("true")).orElse(false);
    }

    Optional<String> channel(String channel, String key) {
        return get(CHANNELS + channel + "." + key);
    }

    /** The connector names that have a configuration section, in order of appearance. */
    Set<String> connectorSections() {
        Set<String> names = new LinkedHashSet<>();
        for (String k : values.keySet()) {
            if (k.startsWith(CONNECTORS)) {
                String rest = k.substring(CONNECTORS.length());
                int dot = rest.indexOf('.');
                if (dot > 0) {
                    names.add(rest.substring(0, dot));
                }
            }
        }
        return names;
    }

    /** A connector's section, prefix removed. */
    Map<String, String> connectorSection(String name) {
        return section(CONNECTORS + name + ".");
    }

    /** The connector options of a channel: its section without the keys the runtime interprets. */
    Map<String, String> channelOptions(String channel) {
        Map<String, String> out = section(CHANNELS + channel + ".");
        out.keySet().removeAll(CHANNEL_KEYS);
        return out;
    }

    private Map<String, String> section(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
