package dev.tributary.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.Incoming;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code tributary.request-context}: by default ({@code auto}) handlers run in a request context only when the
 * deployment has a {@code @RequestScoped} bean; {@code always} and {@code never} force it.
 */
class RequestContextModeTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @ApplicationScoped
    static class Handler {
        @Incoming("ctx")
        void on(String body) {
            boolean active;
            try {
                active = CDI.current().getBeanManager().getContext(RequestScoped.class).isActive();
            } catch (jakarta.enterprise.context.ContextNotActiveException e) {
                active = false;
            }
            SEEN.add(body + ":" + active);
        }
    }

    @RequestScoped
    static class PerMessage {
    }

    private static String run(Map<String, String> config, Class<?>... beans) {
        SEEN.clear();
        try (TestApp app = TestApp.start(config, beans)) {
            app.sendText("ctx", "m");
            await().atMost(Duration.ofSeconds(10)).until(() -> SEEN.size() == 1);
            return SEEN.get(0);
        }
    }

    @Test
    void autoActivatesOnlyWhenARequestScopedBeanExists() {
        assertThat(run(Map.of(), Handler.class)).isEqualTo("m:false");
        assertThat(run(Map.of(), Handler.class, PerMessage.class)).isEqualTo("m:true");
    }

    @Test
    void alwaysAndNeverForceIt() {
        assertThat(run(Map.of("tributary.request-context", "always"), Handler.class)).isEqualTo("m:true");
        assertThat(run(Map.of("tributary.request-context", "never"), Handler.class, PerMessage.class)).isEqualTo("m:false");
    }
}
