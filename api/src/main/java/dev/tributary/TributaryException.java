package dev.tributary;

/**
 * An error raised by Tributary, with a stable code ({@code TRB-<area><nnn>}) that the message starts
 * with, so it can be searched and asserted on.
 */
public class TributaryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    public TributaryException(String code, String message) {
        this(code, message, null);
    }

    public TributaryException(String code, String message, Throwable cause) {
        super(code + " " + message, cause);
        this.code = code;
    }

    /** The stable code, for example {@code TRB-RUN031}. */
    public String code() {
        return code;
    }
}
