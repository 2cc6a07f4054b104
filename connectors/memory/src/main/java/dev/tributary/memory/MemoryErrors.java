package dev.tributary.memory;

import dev.tributary.TributaryException;

/**
 * The in-memory connector's message catalogue: every error a user may see, with its stable code.
 * Codes {@code TRB-MEM0xx} belong to the connector, {@code TRB-MEM1xx} to the test broker
 * ({@code dev.tributary.memory.testing}).
 */
final class MemoryErrors {

    private MemoryErrors() {
    }

    static TributaryException wildcardPublish(String address, String level) {
        return new TributaryException("TRB-MEM001", "cannot publish to '" + address + "': the level '" + level
                + "' is a wildcard or an unfilled {param}; publish to a concrete address");
    }

    static TributaryException closed(String connector) {
        return new TributaryException("TRB-MEM002", "memory connector '" + connector
                + "' is closed; it no longer accepts publishes, subscriptions or requests");
    }

    static TributaryException emptyAddress() {
        return new TributaryException("TRB-MEM003", "cannot publish to an empty address; give the topic, queue or"
                + " subject to use");
    }

    static TributaryException brokerSyntaxMismatch(String broker, String have, String want) {
        return new TributaryException("TRB-MEM004", "shared in-memory broker '" + broker + "' uses the '" + have
                + "' address syntax, but this connector asks for '" + want
                + "'; give connectors that share a broker the same 'syntax'");
    }

    static TributaryException requestAbandoned(String connector, String address) {
        return new TributaryException("TRB-MEM005", "the request to '" + address + "' on memory connector '"
                + connector + "' was abandoned because the connector closed before a reply arrived");
    }

    static TributaryException invalidConfig(String connector, String key, String value, String expected) {
        return new TributaryException("TRB-MEM006", "tributary.connectors." + connector + "." + key + " = '" + value
                + "' is not valid; expected " + expected);
    }

    static TributaryException notQuiet(String connector, long millis, String detail) {
        return new TributaryException("TRB-MEM007", "memory connector '" + connector + "': handlers did not finish"
                + " within " + millis + " ms (" + detail + "); a handler may be blocked, or a message may be"
                + " redelivered forever");
    }

    static TributaryException duplicateCorrelationId(String correlationId) {
        return new TributaryException("TRB-MEM010", "a request with correlation id '" + correlationId
                + "' is already waiting for its reply; give each request its own correlation id");
    }

    static TributaryException queueFull(String connector, String address, long waitedMillis) {
        return new TributaryException("TRB-MEM014", "memory connector '" + connector + "': a queue of '" + address
                + "' stayed full for " + waitedMillis + " ms (its consumers are slow, paused or gone); the message is"
                + " queued but the publish is reported as failed. Raise max-queued or publish.timeout, or consume faster");
    }

    static TributaryException unavailable(String broker) {
        return new TributaryException("TRB-MEM013", "in-memory broker '" + broker
                + "' is unavailable (simulated outage); the message was not accepted");
    }

    static TributaryException interrupted(String connector, InterruptedException cause) {
        return new TributaryException("TRB-MEM012", "interrupted while waiting for handlers on memory connector '"
                + connector + "'", cause);
    }
}
