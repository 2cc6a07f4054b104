package dev.tributary;

import java.util.List;

/**
 * CDI event fired once every connector is connected and every {@link Incoming} subscription is
 * consuming. Observe it with {@code void on(@Observes TributaryStarted e)}.
 *
 * @param connectors the names of the started connectors
 * @param subscriptions the addresses subscribed to
 */
public record TributaryStarted(List<String> connectors, List<String> subscriptions) {
}
