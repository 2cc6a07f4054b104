package dev.tributary.memory.testing.app;

import dev.tributary.Incoming;
import jakarta.enterprise.context.ApplicationScoped;

/** A fake application written for NATS (connector {@code nats}). */
@ApplicationScoped
public class Telemetry {

    @Incoming(value = "metrics.*", connector = "nats")
    public void metric(String value) {
    }

    @Incoming(value = "events.>", connector = "nats")
    public void event(String value) {
    }
}
