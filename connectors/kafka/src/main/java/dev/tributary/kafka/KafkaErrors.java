package dev.tributary.kafka;

import dev.tributary.TributaryException;

/**
 * The Kafka connector's message catalogue: every error and log line a user may see, with its stable code
 * {@code TRB-KAF0nn}. The README lists them.
 */
final class KafkaErrors {

    private KafkaErrors() {
    }

    static TributaryException cannotConnect(String connector, String servers, Throwable cause) {
        return new TributaryException("TRB-KAF001", "kafka connector '" + connector + "' could not reach the cluster at '"
                + servers + "': " + describe(cause) + "; check bootstrap.servers, the broker and the security settings",
                cause);
    }

    static TributaryException closed(String connector) {
        return new TributaryException("TRB-KAF002", "kafka connector '" + connector
                + "' is closed; it no longer accepts publishes, subscriptions or requests");
    }

    static TributaryException publishFailed(String connector, String topic, Throwable cause) {
        return new TributaryException("TRB-KAF003", "kafka connector '" + connector + "': the broker did not accept a"
                + " record for topic '" + topic + "': " + describe(cause), cause);
    }

    static TributaryException publishTimedOut(String connector, String topic, long millis, Throwable cause) {
        return new TributaryException("TRB-KAF004", "kafka connector '" + connector + "': a record for topic '" + topic
                + "' was not accepted within the publish timeout of " + millis + " ms (broker unreachable, topic"
                + " missing or partition without leader): " + describe(cause), cause);
    }

    static TributaryException invalidConfig(String connector, String key, String value, String expected) {
        return new TributaryException("TRB-KAF005", "tributary.connectors." + connector + "." + key + " = '" + value
                + "' is not valid; expected " + expected);
    }

    static TributaryException invalidOption(String channel, String key, String value, String expected) {
        return new TributaryException("TRB-KAF006", "channel '" + channel + "': option " + key + " = '" + value
                + "' is not valid; expected " + expected);
    }

    static TributaryException requestAbandoned(String connector, String topic) {
        return new TributaryException("TRB-KAF007", "the request to '" + topic + "' on kafka connector '" + connector
                + "' was abandoned because the connector closed before a reply arrived");
    }

    static TributaryException duplicateCorrelationId(String correlationId) {
        return new TributaryException("TRB-KAF008", "a request with correlation id '" + correlationId
                + "' is already waiting for its reply; give each request its own correlation id");
    }

    static TributaryException replyTopicFailed(String connector, String topic, Throwable cause) {
        return new TributaryException("TRB-KAF009", "kafka connector '" + connector + "' could not prepare its reply"
                + " topic '" + topic + "' for request/reply: " + describe(cause)
                + "; allow the client to create topics or create it and set reply.topic", cause);
    }

    static TributaryException subscriptionFailed(String channel, String address, Throwable cause) {
        return new TributaryException("TRB-KAF010", "kafka subscription '" + channel + "' on '" + address
                + "' stopped on an error it cannot recover from: " + describe(cause), cause);
    }

    static TributaryException invalidAddress(String address, String reason) {
        return new TributaryException("TRB-KAF011", "cannot publish to '" + address + "': " + reason);
    }

    static TributaryException clientConfigRefused(String connector, String client, Throwable cause) {
        return new TributaryException("TRB-KAF012", "kafka connector '" + connector + "': kafka-clients refused the "
                + client + " configuration: " + describe(cause) + "; check the kafka.*, producer.* and consumer.*"
                + " settings and the subscription's kafka.* options", cause);
    }

    // ---- log lines (warnings): the code prefixes the text

    static String deadLetterFailed(String channel, String source, String dlq) {
        return "TRB-KAF020 subscription '" + channel + "': could not dead-letter a rejected record of '" + source
                + "' to '" + dlq + "'; it is dropped (its offset is committed)";
    }

    static String commitFailed(String channel) {
        return "TRB-KAF021 subscription '" + channel + "': an offset commit failed; it is retried with the next"
                + " commit (records after the last committed offset may be redelivered)";
    }

    static String sinkThrew(String channel, String topic) {
        return "TRB-KAF022 the sink of subscription '" + channel + "' threw while receiving a record of '" + topic
                + "' (contract violation); the record stays unsettled";
    }

    static String revokedWithInFlight(String channel, int count) {
        return "TRB-KAF023 subscription '" + channel + "': partitions were revoked with " + count
                + " records in flight; they are redelivered to the partitions' new owner";
    }

    static String healthProbeFailed(String connector, Throwable cause) {
        return "TRB-KAF024 kafka connector '" + connector + "': cluster unreachable: " + describe(cause);
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "unknown cause";
        }
        Throwable c = t;
        while ((c instanceof java.util.concurrent.ExecutionException
                || c instanceof java.util.concurrent.CompletionException) && c.getCause() != null) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return c.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
