package dev.tributary.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tributary.Message;
import dev.tributary.PublishOptions;
import dev.tributary.Publisher;
import dev.tributary.TributaryException;
import dev.tributary.spi.Capability;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Contract area 6: the broker's wildcards ({@link Capability#WILDCARDS}) and {@code {param}} templates
 * ({@link Capability#PATH_TEMPLATES}) select the right concrete addresses and the handler sees the concrete
 * one; a publish to a wildcard is refused clearly, by the connector and by the runtime.
 */
public abstract class AddressContract extends TckContract {

    private String concrete(String... levels) {
        String a = levels(levels);
        prepare(a);
        return a;
    }

    @Test
    void aSingleLevelWildcardMatchesExactlyOneLevel() {
        requires(Capability.WILDCARDS);
        String single = syntax().singleWildcard();
        assumeTrue(single != null, "the address syntax has no single-level wildcard");
        String base = address("wild");
        String deep = concrete(base, "a", "deep");
        String one = concrete(base, "a");
        String two = concrete(base, "b");
        TckApp app = app();
        Inbox<String> inbox = new Inbox<>();
        app.subscriptions().subscribe(levels(base, single), String.class, inbox);

        publishText(app, deep, "deep");
        publishText(app, one, "one");
        publishText(app, two, "two");

        await("both one-level messages").until(() -> inbox.size() >= 2);
        assertThat(inbox.messages).extracting(Message::address).containsExactlyInAnyOrder(one, two);
        assertThat(inbox.bodies()).containsExactlyInAnyOrder("one", "two");
    }

    @Test
    void aMultiLevelWildcardMatchesSeveralLevels() {
        requires(Capability.WILDCARDS);
        String multi = syntax().multiWildcard();
        assumeTrue(multi != null, "the address syntax has no multi-level wildcard");
        String base = address("multi");
        String one = concrete(base, "a");
        String three = concrete(base, "a", "b", "c");
        TckApp app = app();
        Inbox<String> inbox = new Inbox<>();
        app.subscriptions().subscribe(levels(base, multi), String.class, inbox);

        publishText(app, one, "one");
        publishText(app, three, "three");

        await("both messages").until(() -> inbox.size() == 2);
        assertThat(inbox.messages).extracting(Message::address).containsExactlyInAnyOrder(one, three);
    }

    @Test
    void aTemplateParameterIsBoundToThePathParam() {
        requires(Capability.PATH_TEMPLATES);
        String base = address("devices");
        String dev1 = concrete(base, "dev1", "temp");
        String dev2 = concrete(base, "dev2", "temp");
        TckApp app = app(Map.of("tributary.channels." + DeviceHandler.CHANNEL + ".address", levels(base, "{id}", "temp")),
                DeviceHandler.class);
        DeviceHandler handler = app.bean(DeviceHandler.class);

        publishText(app, dev1, "21.5");
        publishText(app, dev2, "19");

        await("both readings").until(() -> handler.seen().size() == 2);
        assertThat(handler.seen()).containsExactlyInAnyOrder("dev1=21.5", "dev2=19");
    }

    @Test
    void aTemplateSubscriptionSeesTheConcreteAddress() {
        requires(Capability.PATH_TEMPLATES);
        String base = address("template");
        String x1 = concrete(base, "x1");
        TckApp app = app();
        Inbox<String> inbox = new Inbox<>();
        app.subscriptions().subscribe(levels(base, "{id}"), String.class, inbox);

        publishText(app, x1, "hello");

        await("the message").until(() -> inbox.size() == 1);
        assertThat(inbox.get(0).address()).isEqualTo(x1);
    }

    @Test
    void publishingToATemplateNeedsEveryParameter() {
        requires(Capability.PATH_TEMPLATES);
        String base = address("fill");
        String k7 = concrete(base, "k7");
        TckApp app = app();
        Inbox<String> inbox = new Inbox<>();
        app.subscriptions().subscribe(k7, String.class, inbox);
        Publisher<String> templated = app.publishers().channel(levels(base, "{id}"), String.class);

        Throwable missing;
        try {
            missing = templated.publish("no value").toCompletableFuture().handle((v, t) -> t).join();
        } catch (RuntimeException thrown) {
            missing = thrown; // the runtime may refuse before returning a stage
        }
        complete(templated.publish("filled", PublishOptions.builder().pathParam("id", "k7").build()));

        assertThat(missing).as("a publish without a value for {id}").isNotNull().hasMessageContaining("TRB-ADR004");
        await("the filled publish").until(() -> inbox.size() == 1);
        assertThat(inbox.get(0).body()).isEqualTo("filled");
    }

    @Test
    void theConnectorRefusesAPublishToAWildcard() {
        requires(Capability.WILDCARDS);
        String wildcard = syntax().singleWildcard() != null ? syntax().singleWildcard() : syntax().multiWildcard();
        String target = levels(address("refused"), wildcard);
        TckApp app = app();

        Throwable failure;
        try {
            failure = app.sendRaw(target, "x".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of())
                    .toCompletableFuture().handle((v, t) -> t)
                    .completeOnTimeout(null, patience().toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (RuntimeException thrown) {
            failure = thrown;
        }

        assertThat(failure).as("a publish to '%s' must fail", target).isNotNull();
        Throwable cause = failure.getCause() != null && !(failure instanceof TributaryException) ? failure.getCause()
                : failure;
        assertThat(cause).isInstanceOf(TributaryException.class).hasMessageContaining(target);
    }

    @Test
    void theRuntimeRefusesAPublisherForAWildcard() {
        requires(Capability.WILDCARDS);
        String wildcard = syntax().singleWildcard() != null ? syntax().singleWildcard() : syntax().multiWildcard();
        String target = levels(address("refused"), wildcard);
        TckApp app = app();

        assertThatThrownBy(() -> app.publishers().channel(target, String.class))
                .isInstanceOf(TributaryException.class).hasMessageContaining(target).hasMessageContaining("wildcard");
    }
}
