package dev.tributary.memory.testing;

import dev.tributary.TributaryException;
import java.util.List;

/** The test broker's message catalogue ({@code TRB-MEM1xx}). */
final class TestBrokerErrors {

    private TestBrokerErrors() {
    }

    static TributaryException noConnector() {
        return new TributaryException("TRB-MEM100", "no memory connector was started by the application under test;"
                + " check that tributary-cdi is on the test class path, that the application has handlers or"
                + " connectors, and that the runtime honours tributary.testing.substitute-connectors=true");
    }

    static TributaryException unknownConnector(String name, List<String> known) {
        return new TributaryException("TRB-MEM101", "no connector named '" + name + "' in the application under test;"
                + " its connectors are " + known);
    }

    static TributaryException ambiguous(String address, List<String> candidates) {
        return new TributaryException("TRB-MEM102", "the address '" + address + "' has handlers on several connectors "
                + candidates + "; name the connector: publish(connector, body, address, options)");
    }

    static TributaryException codec(String what, Throwable cause) {
        return new TributaryException("TRB-MEM103", what + "; the test broker encodes and decodes bodies as the wire"
                + " format says (String: text/plain, byte[]: raw, else JSON-B), which needs a JSON-B implementation"
                + " such as Yasson on the test class path", cause);
    }

    static TributaryException injection(String what, Throwable cause) {
        return new TributaryException("TRB-MEM104", "cannot inject " + what + " into the test", cause);
    }

    static AssertionError assertion(String message) {
        return new AssertionError("TRB-MEM105 " + message);
    }

    static TributaryException interrupted() {
        return new TributaryException("TRB-MEM106", "interrupted while waiting for a reply");
    }
}
