package dev.tributary.mqtt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * MQTT options next to {@code @Incoming} (subscription) or {@code @Outgoing} / a {@code @Channel} injection point
 * (publishing). The channel option of the same name ({@code tributary.channels.<name>.qos}, {@code .shared},
 * {@code .retain}, {@code .message-expiry}, {@code .no-local}), a dynamic subscription's option or a publish's
 * connector option wins over the annotation; the connector's {@code qos} is the last default.
 *
 * <pre>{@code
 * @Incoming("sensors/{device}/temp")
 * @MqttOptions(qos = 2, shared = "thermo")      // subscribes $share/thermo/sensors/+/temp at QoS 2
 * void temp(double degrees, @PathParam("device") String device, MqttMetadata meta) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface MqttOptions {

    /** QoS 0, 1 or 2 of the subscription or publish; -1: the connector's {@code qos}. */
    int qos() default -1;

    /**
     * Subscribing: a shared-subscription group ({@code $share/<group>/<filter>}); subscriptions of one group split
     * the messages between them. Empty: an ordinary subscription. Prefer this to writing {@code $share/…} in the
     * address, which would break {@code @PathParam} matching.
     */
    String shared() default "";

    /** Subscribing, 5.0: do not receive the messages this connection publishes itself. */
    boolean noLocal() default false;

    /** Publishing: set the retain flag. */
    boolean retain() default false;

    /** Publishing, 5.0: message expiry interval in seconds; -1: none. */
    long messageExpirySeconds() default -1;
}
