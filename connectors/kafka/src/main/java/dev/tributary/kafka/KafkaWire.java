package dev.tributary.kafka;

import dev.tributary.spi.OutboundMessage;
import dev.tributary.spi.CorrelationIdPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * How a message lies in a Kafka record (WIRE-FORMAT.md, FastStream-compatible): the body is the record value;
 * header {@code content-type} when the message has a content type (none for raw bytes: readers take an absent
 * header and an empty one alike), {@code correlation_id} as the {@link CorrelationIdPolicy} says (by
 * default when the id links the record to something: not an id made up for a plain publish),
 * {@code reply_to} and {@code message_id} when set; user headers are further Kafka headers, values UTF-8; the
 * ordering key is the record key (UTF-8). Publish options {@value #PARTITION} (int) and {@value #TIMESTAMP}
 * (epoch millis or {@link Instant}) choose the partition and the record timestamp. Stateless.
 */
final class KafkaWire {

    static final String CONTENT_TYPE = "content-type";
    static final String CORRELATION_ID = "correlation_id";
    static final String REPLY_TO = "reply_to";
    static final String MESSAGE_ID = "message_id";

    /** Publish option: the partition to produce to. */
    static final String PARTITION = "partition";
    /** Publish option: the record timestamp. */
    static final String TIMESTAMP = "timestamp";

    private static final byte[] EMPTY = new byte[0];
    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain";
    // kafka-clients never changes a header it is given: one instance serves every record
    private static final Header JSON_HEADER = new RecordHeader(CONTENT_TYPE, utf8(JSON));
    private static final Header TEXT_HEADER = new RecordHeader(CONTENT_TYPE, utf8(TEXT));

    private KafkaWire() {
    }

    static ProducerRecord<byte[], byte[]> toRecord(OutboundMessage m) {
        return toRecord(m, CorrelationIdPolicy.ALWAYS);
    }

    /**
     * The record of a message. {@code content-type} is written only when the message has a content type: a
     * reader (FastStream's and ours) treats an absent header and an empty one alike ("no type"), and FastStream's
     * own batch publish leaves it out too, so the empty header would be bytes on the wire for nothing.
     * {@code correlation_id} is written when {@code mode} says so: a reader that finds none makes one up
     * (FastStream's {@code StreamMessage} and our runtime), so leaving out an id nothing refers to changes nothing
     * but the record's size.
     */
    static ProducerRecord<byte[], byte[]> toRecord(OutboundMessage m, CorrelationIdPolicy mode) {
        String replyTo = m.replyTo();
        RecordHeaders headers = null;
        String contentType = m.contentType();
        if (contentType != null && !contentType.isEmpty()) {
            headers = new RecordHeaders();
            headers.add(contentTypeHeader(contentType));
        }
        if (mode.writes(m)) {
            headers = headers != null ? headers : new RecordHeaders();
            headers.add(CORRELATION_ID, utf8(m.correlationId()));
        }
        if (replyTo != null) {
            headers = headers != null ? headers : new RecordHeaders();
            headers.add(REPLY_TO, utf8(replyTo));
        }
        if (m.messageId() != null) {
            headers = headers != null ? headers : new RecordHeaders();
            headers.add(MESSAGE_ID, utf8(m.messageId()));
        }
        Map<String, String> user = m.headers();
        if (user != null && !user.isEmpty()) {
            for (Map.Entry<String, String> h : user.entrySet()) {
                if (h.getValue() != null && !isProtocolHeader(h.getKey())) {
                    headers = headers != null ? headers : new RecordHeaders();
                    headers.add(h.getKey(), utf8(h.getValue()));
                }
            }
        }
        Map<String, Object> options = m.options();
        Integer partition = null;
        Long timestamp = null;
        if (options != null && !options.isEmpty()) {
            partition = partition(options.get(PARTITION));
            timestamp = timestamp(options.get(TIMESTAMP));
        }
        byte[] key = m.key() == null ? null : utf8(m.key());
        return new ProducerRecord<>(m.address(), partition, timestamp, key, m.body() == null ? EMPTY : m.body(), headers);
    }

    /** The {@code content-type} header; the two types the default codecs write are shared, immutable instances. */
    private static Header contentTypeHeader(String contentType) {
        return switch (contentType) {
            case JSON -> JSON_HEADER;
            case TEXT -> TEXT_HEADER;
            default -> new RecordHeader(CONTENT_TYPE, utf8(contentType));
        };
    }

    static boolean isProtocolHeader(String name) {
        return CONTENT_TYPE.equals(name) || CORRELATION_ID.equals(name) || REPLY_TO.equals(name)
                || MESSAGE_ID.equals(name);
    }

    private static Integer partition(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.valueOf(o.toString().trim());
        } catch (NumberFormatException e) {
            throw KafkaErrors.invalidAddress(String.valueOf(o), "publish option 'partition' must be an integer");
        }
    }

    private static Long timestamp(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Number n) {
            return n.longValue();
        }
        if (o instanceof Instant i) {
            return i.toEpochMilli();
        }
        try {
            return Long.valueOf(o.toString().trim());
        } catch (NumberFormatException e) {
            return Instant.parse(o.toString().trim()).toEpochMilli();
        }
    }

    /** The protocol fields and user headers of a consumed record, read in one pass. */
    record Inbound(String contentType, String correlationId, String replyTo, String messageId,
            Map<String, String> userHeaders) {
    }

    /** Every header of a record (UTF-8; for a repeated name the last value), for {@link KafkaMetadata}. */
    static Map<String, String> allHeaders(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> all = null;
        for (Header h : r.headers()) {
            if (all == null) {
                all = new LinkedHashMap<>();
            }
            all.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return all == null ? Map.of() : Collections.unmodifiableMap(all);
    }

    private static final Inbound NO_HEADERS = new Inbound(null, null, null, null, Map.of());

    /** The (shared) result of {@link #read} for a record without headers, else {@code null} (read it later). */
    static Inbound readIfEmpty(ConsumerRecord<byte[], byte[]> r) {
        return r.headers().toArray().length == 0 ? NO_HEADERS : null;
    }

    static Inbound read(ConsumerRecord<byte[], byte[]> r) {
        Header[] all = r.headers().toArray(); // no iterator; a shared empty array for a record without headers
        if (all.length == 0) {
            return NO_HEADERS;
        }
        String contentType = null;
        String correlationId = null;
        String replyTo = null;
        String messageId = null;
        Map<String, String> user = null;
        for (Header h : all) {
            String name = h.key();
            String value = h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
            switch (name) {
                case CONTENT_TYPE -> contentType = value == null || value.isEmpty() ? null : value;
                case CORRELATION_ID -> correlationId = value == null || value.isEmpty() ? null : value;
                case REPLY_TO -> replyTo = value == null || value.isEmpty() ? null : value;
                case MESSAGE_ID -> messageId = value == null || value.isEmpty() ? null : value;
                default -> {
                    if (user == null) {
                        user = new LinkedHashMap<>();
                    }
                    user.put(name, value == null ? "" : value);
                }
            }
        }
        return new Inbound(contentType, correlationId, replyTo, messageId,
                user == null ? Map.of() : Collections.unmodifiableMap(user));
    }

    static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
