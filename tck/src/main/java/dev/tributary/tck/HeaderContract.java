package dev.tributary.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.Message;
import dev.tributary.PublishOptions;
import dev.tributary.spi.Capability;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Contract area 2: user headers travel unchanged ({@link Capability#HEADERS}), including non-ASCII values;
 * a correlation id is always there (generated when the publisher sets none) and kept; a reply echoes it.
 */
public abstract class HeaderContract extends TckContract {

    private Message<String> publishWith(PublishOptions options) {
        TckApp app = app();
        String a = address("headers");
        Inbox<String> inbox = new Inbox<>();
        app.subscriptions().subscribe(a, String.class, inbox);
        publishText(app, a, "with headers", options);
        await("the message to arrive").until(() -> inbox.size() == 1);
        return inbox.get(0);
    }

    @Test
    void userHeadersRoundTrip() {
        requires(Capability.HEADERS);
        Message<String> m = publishWith(PublishOptions.builder().header("tenant", "acme").header("trace-id", "t-42")
                .header("empty", "").build());

        assertThat(m.headers()).containsEntry("tenant", "acme").containsEntry("trace-id", "t-42");
        assertThat(m.header("tenant")).contains("acme");
        assertThat(m.body()).isEqualTo("with headers");
    }

    @Test
    void nonAsciiHeaderValuesRoundTrip() {
        requires(Capability.HEADERS);
        String value = "Zürich – 東京 ✓ ñ";
        Message<String> m = publishWith(PublishOptions.builder().header("city", value).build());

        assertThat(m.headers()).containsEntry("city", value);
    }

    @Test
    void manyHeadersRoundTrip() {
        requires(Capability.HEADERS);
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            many.put("h" + i, "value-" + i);
        }
        Message<String> m = publishWith(PublishOptions.builder().headers(many).build());

        assertThat(m.headers()).containsAllEntriesOf(many);
    }

    @Test
    void aCorrelationIdIsGeneratedWhenThePublisherSetsNone() {
        TckApp app = app();
        String a = address("cid-generated");
        Inbox<String> inbox = new Inbox<>();
        app.subscriptions().subscribe(a, String.class, inbox);
        publishText(app, a, "one");
        publishText(app, a, "two");

        await("both messages to arrive").until(() -> inbox.size() == 2);
        assertThat(inbox.get(0).correlationId()).isNotBlank();
        assertThat(inbox.get(1).correlationId()).isNotBlank().isNotEqualTo(inbox.get(0).correlationId());
    }

    @Test
    void theCorrelationIdIsPreserved() {
        String cid = "tck-cid-" + UUID.randomUUID();
        Message<String> m = publishWith(PublishOptions.builder().correlationId(cid).build());

        assertThat(m.correlationId()).isEqualTo(cid);
    }

    @Test
    void aReplyEchoesTheRequestsCorrelationId() {
        String requests = address("echo");
        String replies = address("replies");
        TckApp app = app(Map.of("tributary.channels." + EchoResponder.CHANNEL + ".address", requests),
                EchoResponder.class);
        Inbox<String> inbox = new Inbox<>();
        app.subscriptions().subscribe(replies, String.class, inbox);
        String cid = "tck-reply-" + UUID.randomUUID();

        publishText(app, requests, "hello", PublishOptions.builder().correlationId(cid).replyTo(replies).build());

        await("the reply to arrive").until(() -> inbox.size() == 1);
        assertThat(inbox.get(0).body()).isEqualTo("echo:hello");
        assertThat(inbox.get(0).correlationId()).isEqualTo(cid);
    }
}
