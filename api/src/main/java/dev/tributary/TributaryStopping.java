package dev.tributary;

/**
 * CDI event fired when the application stops, before consumption stops and in-flight handlers drain.
 * Publishing is still possible while it is observed.
 *
 * @param gracefulTimeoutMillis how long in-flight handlers will be waited for
 */
public record TributaryStopping(long gracefulTimeoutMillis) {
}
