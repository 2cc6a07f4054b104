package dev.tributary.spi;

import dev.tributary.TributaryException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One connector's configuration: flat string keys with the {@code tributary.connectors.<name>.} prefix
 * removed (for example {@code bootstrap.servers}, {@code ack-policy}). Typed getters fail with a coded
 * error naming the full key when a value does not parse. Immutable.
 */
public final class ConnectorConfig {
    private final String name;
    private final Map<String, String> values;

    public ConnectorConfig(String name, Map<String, String> values) {
        this.name = name;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The connector name. */
    public String name() {
        return name;
    }

    /** All values. */
    public Map<String, String> asMap() {
        return values;
    }

    /** The values whose key starts with {@code prefix}, with the prefix removed (for pass-through client properties). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    public int getInt(String key, int defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, v, "an integer");
        }
    }

    public long getLong(String key, long defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, v, "an integer");
        }
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, v, "true or false");
        };
    }

    /** A duration: ISO-8601 ({@code PT5S}) or a number with unit {@code ms}, {@code s}, {@code m}, {@code h}. */
    public Duration getDuration(String key, Duration defaultValue) {
        String v = values.get(key);
        return v == null ? defaultValue : parseDuration("tributary.connectors." + name + "." + key, v);
    }

    /** Parses a duration value as {@link #getDuration} does; {@code fullKey} names the setting in the error. */
    public static Duration parseDuration(String fullKey, String v) {
        String s = v.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (s.startsWith("pt") || s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(java.util.Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            }
            char unit = s.charAt(s.length() - 1);
            String num = s.substring(0, s.length() - 1).trim();
            return switch (unit) {
                case 's' -> Duration.ofSeconds(Long.parseLong(num));
                case 'm' -> Duration.ofMinutes(Long.parseLong(num));
                case 'h' -> Duration.ofHours(Long.parseLong(num));
                default -> Duration.ofMillis(Long.parseLong(s));
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new TributaryException("TRB-CFG001", fullKey + " = '" + v
                    + "' is not a duration; write e.g. 500ms, 5s, 2m or PT5S");
        }
    }

    private TributaryException invalid(String key, String value, String expected) {
        return new TributaryException("TRB-CFG001", "tributary.connectors." + name + "." + key + " = '" + value
                + "' is not " + expected);
    }

    @Override
    public String toString() {
        return "ConnectorConfig[" + name + "]";
    }
}
