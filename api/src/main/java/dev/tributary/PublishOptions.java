package dev.tributary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of one publish: user headers, correlation id, reply address, ordering key, message id, values
 * for the {@code {param}} levels of a template address, and connector-specific options (for example
 * {@code "partition"} on Kafka, {@code "qos"} and {@code "retain"} on MQTT). Immutable; build with
 * {@link #builder()}.
 */
public final class PublishOptions {

    private static final PublishOptions NONE = new Builder().build();

    private final Map<String, String> headers;
    private final String correlationId;
    private final String replyTo;
    private final String key;
    private final String messageId;
    private final String address;
    private final Map<String, String> pathParams;
    private final Map<String, Object> connectorOptions;

    private PublishOptions(Builder b) {
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.correlationId = b.correlationId;
        this.replyTo = b.replyTo;
        this.key = b.key;
        this.messageId = b.messageId;
        this.address = b.address;
        this.pathParams = Collections.unmodifiableMap(new LinkedHashMap<>(b.pathParams));
        this.connectorOptions = Collections.unmodifiableMap(new LinkedHashMap<>(b.connectorOptions));
    }

    /** No options. */
    public static PublishOptions none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The correlation id, or {@code null} (one is generated). */
    public String correlationId() {
        return correlationId;
    }

    public String replyTo() {
        return replyTo;
    }

    public String key() {
        return key;
    }

    public String messageId() {
        return messageId;
    }

    /** An address that replaces the channel's for this publish, or {@code null}. */
    public String address() {
        return address;
    }

    public Map<String, String> pathParams() {
        return pathParams;
    }

    public Map<String, Object> connectorOptions() {
        return connectorOptions;
    }

    /** Builder of {@link PublishOptions}. */
    public static final class Builder {
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String correlationId;
        private String replyTo;
        private String key;
        private String messageId;
        private String address;
        private final Map<String, String> pathParams = new LinkedHashMap<>();
        private final Map<String, Object> connectorOptions = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder headers(Map<String, String> values) {
            headers.putAll(values);
            return this;
        }

        public Builder correlationId(String id) {
            this.correlationId = id;
            return this;
        }

        public Builder replyTo(String address) {
            this.replyTo = address;
            return this;
        }

        public Builder key(String key) {
            this.key = key;
            return this;
        }

        public Builder messageId(String id) {
            this.messageId = id;
            return this;
        }

        public Builder address(String address) {
            this.address = address;
            return this;
        }

        public Builder pathParam(String name, String value) {
            pathParams.put(name, value);
            return this;
        }

        public Builder option(String name, Object value) {
            connectorOptions.put(name, value);
            return this;
        }

        public PublishOptions build() {
            return new PublishOptions(this);
        }
    }
}
