package dev.tributary;

/**
 * Encoded body bytes with their content type ({@code null} for none).
 *
 * @param bytes the body, never {@code null} (empty for a {@code null} value)
 * @param contentType the content type, or {@code null}
 */
public record EncodedBody(byte[] bytes, String contentType) {
    public static final byte[] EMPTY = new byte[0];
    public static final String TEXT_PLAIN = "text/plain";
    public static final String APPLICATION_JSON = "application/json";
}
