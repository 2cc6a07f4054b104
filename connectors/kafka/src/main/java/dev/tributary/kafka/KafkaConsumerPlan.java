package dev.tributary.kafka;

import dev.tributary.spi.SubscriptionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What one subscription consumes and how, resolved once from the subscription's options, its
 * {@link KafkaOptions} annotation and the connector's {@link KafkaConfig} (in that order of precedence):
 * a topic, a regex pattern ({@code {param}} templates and {@code pattern=true}) or explicit partitions; the
 * consumer group; the consumer's properties. Immutable.
 */
record KafkaConsumerPlan(String topic, Pattern pattern, List<Integer> partitions, String group, String deadLetter,
        boolean orderByKey, Map<String, Object> properties) {

    static final String GROUP = "group";
    static final String OFFSET_RESET = "auto.offset.reset";
    static final String PATTERN = "pattern";
    static final String PARTITIONS = "partitions";
    static final String DEAD_LETTER = "dead-letter";
    static final String ORDERING = "ordering";
    static final String PROPERTY_PREFIX = "kafka.";

    static KafkaConsumerPlan of(SubscriptionSpec spec, KafkaConfig config, String connectorName, int sequence) {
        KafkaOptions ann = spec.annotation(KafkaOptions.class);
        Map<String, String> options = spec.options();
        String channel = spec.channel();
        KafkaConfig.InvalidValue invalid = (k, v, e) -> KafkaErrors.invalidOption(channel, k, v, e);

        String group = pick(options.get(GROUP), ann == null ? null : ann.group(), config.groupId());
        if (group == null) {
            group = "tributary-" + channel;
        }
        String reset = KafkaConfig.offsetReset(channel, OFFSET_RESET,
                pick(options.get(OFFSET_RESET), ann == null ? null : ann.offsetReset(), config.autoOffsetReset()), invalid);
        String ordering = KafkaConfig.ordering(channel, ORDERING,
                pick(options.get(ORDERING), ann == null ? null : ann.ordering(), config.ordering()), invalid);
        String deadLetter = pick(options.get(DEAD_LETTER), ann == null ? null : ann.deadLetter(), config.deadLetter());

        boolean patternFlag = ann != null && ann.pattern();
        String patternOption = options.get(PATTERN);
        if (patternOption != null && !patternOption.isBlank()) {
            patternFlag = switch (patternOption.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw invalid.of(PATTERN, patternOption, "true or false");
            };
        }
        List<Integer> partitions = partitions(options.get(PARTITIONS), ann, invalid);

        Pattern pattern = null;
        String topic = null;
        if (spec.template().isPattern()) {
            pattern = Pattern.compile(spec.template().toRegex());
        } else if (patternFlag) {
            try {
                pattern = Pattern.compile(spec.template().raw());
            } catch (PatternSyntaxException e) {
                throw invalid.of(PATTERN, spec.template().raw(), "a Java regular expression of topic names");
            }
        } else {
            topic = spec.address();
        }
        if (partitions != null && topic == null) {
            throw invalid.of(PARTITIONS, options.getOrDefault(PARTITIONS, "(annotation)"),
                    "explicit partitions of one topic, not of a pattern");
        }

        Map<String, Object> p = new LinkedHashMap<>(config.commonClientProperties());
        p.putAll(config.consumerProperties());
        if (pattern != null) {
            // discover topics created after the subscription soon (kafka-clients' default is 5 minutes)
            p.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        }
        if (ann != null) {
            for (String kv : ann.properties()) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw invalid.of("properties", kv, "name=value");
                }
                p.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        options.forEach((k, v) -> {
            if (k.startsWith(PROPERTY_PREFIX)) {
                p.put(k.substring(PROPERTY_PREFIX.length()), v);
            }
        });
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-" + connectorName + "-" + channel + "-" + sequence);
        return new KafkaConsumerPlan(topic, pattern, partitions, group, deadLetter,
                KafkaConfig.ORDER_BY_KEY.equals(ordering), Map.copyOf(p));
    }

    private static List<Integer> partitions(String option, KafkaOptions ann, KafkaConfig.InvalidValue invalid) {
        List<Integer> out = new ArrayList<>();
        if (option != null && !option.isBlank()) {
            for (String s : option.split(",")) {
                try {
                    int n = Integer.parseInt(s.trim());
                    if (n < 0) {
                        throw new NumberFormatException();
                    }
                    out.add(n);
                } catch (NumberFormatException e) {
                    throw invalid.of(PARTITIONS, option, "comma-separated partition numbers, e.g. 0,1,2");
                }
            }
        } else if (ann != null) {
            for (int n : ann.partitions()) {
                out.add(n);
            }
        }
        return out.isEmpty() ? null : List.copyOf(out);
    }

    private static String pick(String option, String annotated, String fallback) {
        if (option != null && !option.isBlank()) {
            return option.trim();
        }
        if (annotated != null && !annotated.isBlank()) {
            return annotated.trim();
        }
        return fallback;
    }

    /** Whether offsets are committed (always: every subscription has a group). */
    boolean commits() {
        return group != null;
    }

    /** Subscribes or assigns; on the poll thread. */
    void attach(Consumer<byte[], byte[]> consumer, ConsumerRebalanceListener listener) {
        if (partitions != null) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int n : partitions) {
                tps.add(new TopicPartition(topic, n));
            }
            consumer.assign(tps);
        } else if (pattern != null) {
            consumer.subscribe(pattern, listener);
        } else {
            consumer.subscribe(List.of(topic), listener);
        }
    }

    String description() {
        if (partitions != null) {
            return topic + " partitions " + partitions;
        }
        return pattern != null ? "pattern " + pattern.pattern() : topic;
    }
}
