package dev.tributary.tck.brokers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every smoke test checks around its protocol conversations, and the start-up times it prints. */
final class SmokeReport {

    private SmokeReport() {
    }

    static void printStart(Broker broker, String phase) {
        System.out.printf("TRB-TCK-SMOKE %-9s %-11s ready after %5d ms on port %d%n", broker.name(), phase,
                broker.lastStartDuration().toMillis(), broker.port());
    }

    /** Restarts the broker and checks it came back on the same port. */
    static void restartOnSamePort(Broker broker) {
        int port = broker.port();
        broker.restart();
        printStart(broker, "restart");
        assertTrue(broker.isRunning());
        assertEquals(port, broker.port(), "a restart keeps the port");
        assertTrue(LoopbackProbe.isListening(port), "listening again after restart");
    }

    /** Stops the broker and checks nothing listens on its port any more. */
    static void stopClosesPort(Broker broker) {
        int port = broker.port();
        broker.stop();
        assertFalse(broker.isRunning());
        assertFalse(LoopbackProbe.isListening(port), broker.name() + " port " + port + " still open after stop");
    }
}
