package dev.tributary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Options of a dynamic subscription. Immutable; build with {@link #builder(String)}. */
public final class SubscribeOptions {
    private final String address;
    private final String connector;
    private final AckPolicy ackPolicy;
    private final int maxWorkers;
    private final int maxInFlight;
    private final Codec codec;
    private final Map<String, String> connectorOptions;

    private SubscribeOptions(Builder b) {
        this.address = b.address;
        this.connector = b.connector;
        this.ackPolicy = b.ackPolicy;
        this.maxWorkers = b.maxWorkers;
        this.maxInFlight = b.maxInFlight;
        this.codec = b.codec;
        this.connectorOptions = Collections.unmodifiableMap(new LinkedHashMap<>(b.connectorOptions));
    }

    public static Builder builder(String address) {
        return new Builder(address);
    }

    public String address() {
        return address;
    }

    /** The connector name, or {@code null} for the default connector. */
    public String connector() {
        return connector;
    }

    public AckPolicy ackPolicy() {
        return ackPolicy;
    }

    /** 0: the default. */
    public int maxWorkers() {
        return maxWorkers;
    }

    /** 0: the default. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** The codec, or {@code null} for the default codec. */
    public Codec codec() {
        return codec;
    }

    public Map<String, String> connectorOptions() {
        return connectorOptions;
    }

    /** Builder of {@link SubscribeOptions}. */
    public static final class Builder {
        private final String address;
        private String connector;
        private AckPolicy ackPolicy = AckPolicy.INHERIT;
        private int maxWorkers;
        private int maxInFlight;
        private Codec codec;
        private final Map<String, String> connectorOptions = new LinkedHashMap<>();

        private Builder(String address) {
            this.address = address;
        }

        public Builder connector(String name) {
            this.connector = name;
            return this;
        }

        public Builder ackPolicy(AckPolicy policy) {
            this.ackPolicy = policy;
            return this;
        }

        public Builder maxWorkers(int n) {
            this.maxWorkers = n;
            return this;
        }

        public Builder maxInFlight(int n) {
            this.maxInFlight = n;
            return this;
        }

        public Builder codec(Codec codec) {
            this.codec = codec;
            return this;
        }

        public Builder option(String name, String value) {
            connectorOptions.put(name, value);
            return this;
        }

        public SubscribeOptions build() {
            return new SubscribeOptions(this);
        }
    }
}
