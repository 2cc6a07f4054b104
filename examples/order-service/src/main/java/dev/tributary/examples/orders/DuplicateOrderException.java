package dev.tributary.examples.orders;

/** An order with this id is already stored; the transaction that tried to store it again was rolled back. */
public class DuplicateOrderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DuplicateOrderException(String orderId, Throwable cause) {
        super("TRB-EXO002 order " + orderId + " exists already", cause);
    }
}
