package dev.tributary.cdi.codec;

import dev.tributary.DecodeException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import java.lang.reflect.Type;

/**
 * Builds the {@link DecodeException}s ({@code TRB-COD001}) of this package. Messages name the target
 * type, the content type, the body size and the reason — never the body itself, which may hold personal
 * or secret data. Messages of JDK exceptions (which quote the offending input, e.g.
 * {@code For input string: "..."}) are replaced by their class name.
 */
final class DecodeFailures {
    private static final int MAX_REASON = 300;

    private DecodeFailures() {
    }

    static DecodeException of(Type target, String contentType, int size, String reason, Throwable cause) {
        return new DecodeException("cannot decode a body of " + size + " bytes (content type "
                + (contentType == null || contentType.isEmpty() ? "none" : "'" + contentType + "'")
                + ") to " + target.getTypeName() + ": " + reason, cause);
    }

    static DecodeException of(Type target, String contentType, int size, Throwable cause) {
        return of(target, contentType, size, reasonOf(cause), cause);
    }

    /** A short, payload-free reason for a JSON-B / JSON-P failure. */
    static String reasonOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonParsingException p) {
                JsonLocation at = p.getLocation();
                return at == null ? "malformed JSON"
                        : "malformed JSON at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
            }
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (!(t instanceof JsonbException) && t.getMessage() != null && reason.contains(t.getMessage())) {
                reason = reason.replace(t.getMessage(), "invalid value (" + t.getClass().getSimpleName() + ")");
            }
        }
        if (reason.startsWith("Internal error: ")) {
            reason = reason.substring("Internal error: ".length());
        }
        if (reason.isBlank() || reason.equals("null")) {
            Throwable root = failure;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            reason = "the JSON does not fit the type (" + root.getClass().getSimpleName() + ")";
        }
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason;
    }
}
