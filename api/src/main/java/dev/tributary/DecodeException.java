package dev.tributary;

/** A body could not be decoded to the handler's type ({@code TRB-COD001}). */
public class DecodeException extends TributaryException {
    private static final long serialVersionUID = 1L;

    public DecodeException(String message, Throwable cause) {
        super("TRB-COD001", message, cause);
    }
}
