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

    final List<String> seen = new CopyOnWriteArrayList<>();

    @Incoming(CHANNEL)
    void temperature(@PathParam("id") String id, String body) {
        seen.add(id + "=" + body);
    }
}
