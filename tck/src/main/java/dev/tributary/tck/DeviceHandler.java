package dev.tributary.tck;

import dev.tributary.Incoming;
import dev.tributary.PathParam;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Consumes the template channel {@value #CHANNEL} (remapped per test to {@code <unique>.{id}.temp}). */
@ApplicationScoped
class DeviceHandler {
    static final String CHANNEL = "tck-devices";

    private final List<String> seen = new CopyOnWriteArrayList<>();

    /** What arrived, as {@code id=body} (a method: the test holds a client proxy). */
    List<String> seen() {
        return seen;
    }

    @Incoming(CHANNEL)
    void temperature(@PathParam("id") String id, String body) {
        seen.add(id + "=" + body);
    }
}
