package dev.tributary.memory.testing.app;

import dev.tributary.Incoming;
import dev.tributary.PathParam;
import jakarta.enterprise.context.ApplicationScoped;

/** A fake application written for MQTT (connector {@code mqtt}). */
@ApplicationScoped
public class Sensors {

    @Incoming(value = "sensors/+/temp", connector = "mqtt")
    public void temperature(double degrees) {
    }

    @Incoming(value = "sensors/{device}/humidity", connector = "mqtt")
    public String humidity(double percent, @PathParam("device") String device) {
        return device + "=" + percent;
    }

    @Incoming(value = "alarms/#", connector = "mqtt")
    public void alarm(String text) {
    }
}
