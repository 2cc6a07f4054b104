package dev.tributary;

import java.time.Duration;

/** No reply arrived within the request's timeout ({@code TRB-RUN031}). */
public class RequestTimeoutException extends TributaryException {
    private static final long serialVersionUID = 1L;

    public RequestTimeoutException(String address, Duration timeout) {
        super("TRB-RUN031", "no reply to the request on '" + address + "' within " + timeout.toMillis()
                + " ms; check that a handler consumes that address and that the connector supports replies");
    }
}
