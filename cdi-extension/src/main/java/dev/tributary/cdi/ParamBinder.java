package dev.tributary.cdi;

import dev.tributary.TributaryException;
import java.util.function.Function;

/**
 * Produces one handler argument from a delivery. Built once per parameter when the deployment is
 * validated; called on the lane's worker thread for every message. Implementations are stateless.
 */
@FunctionalInterface
interface ParamBinder {

    Object bind(Delivery delivery);

    ParamBinder BODY = Delivery::body;
    ParamBinder MESSAGE = d -> d;

    static ParamBinder header(String name, Function<String, Object> converter, boolean required) {
        return d -> {
            String v = d.headers().get(name);
            if (v == null && required) {
                throw new TributaryException("TRB-RUN023", "required header '" + name + "' is missing on a message from '"
                        + d.address() + "'");
            }
            return converter.apply(v);
        };
    }

    static ParamBinder pathParam(String name, Function<String, Object> converter, boolean required) {
        return d -> {
            String v = d.pathParam(name);
            if (v == null && required) {
                throw new TributaryException("TRB-RUN024", "address '" + d.address() + "' has no value for {" + name + "}");
            }
            return converter.apply(v);
        };
    }

    static ParamBinder metadata(Class<?> type) {
        return d -> {
            Object m = d.in.metadata();
            return type.isInstance(m) ? m : null;
        };
    }
}
