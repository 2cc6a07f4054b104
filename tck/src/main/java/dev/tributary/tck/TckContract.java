package dev.tributary.tck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tributary.spi.AddressSyntax;
import dev.tributary.spi.Capability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.tributary.PublishOptions;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of every contract suite. A connector's test class extends a suite (or {@link ConnectorTck}, which
 * holds them all) and returns its {@link TckProvider} from {@link #provider()}.
 *
 * <p>Each test boots its own application (Weld SE, discovery off, the Tributary extension, the connector
 * under test named {@code tck}, the test's handler beans) and stops it gracefully at the end. Tests of a
 * capability the connector does not claim are skipped through an assumption. Waits are bounded by
 * {@link TckProvider#patience()}; nothing sleeps. Tests of one JVM run one at a time (the configuration is
 * passed as system properties).
 */
@ExtendWith(TckExtension.class)
public abstract class TckContract {

    /** Set by {@link TckExtension} before each test. */
    TckEnvironment env;
    private final List<TckApp> apps = new ArrayList<>();

    /** The connector author's provider; the first instance returned in a run is the one used. */
    protected abstract TckProvider provider();

    @AfterEach
    final void stopApplications() {
        for (int i = apps.size() - 1; i >= 0; i--) {
            apps.get(i).close();
        }
        apps.clear();
    }

    /** Starts an application with these handler beans (closed after the test). */
    final TckApp app(Class<?>... beans) {
        return app(Map.of(), beans);
    }

    /** Starts an application with extra configuration ({@code tributary.*} keys) and handler beans. */
    final TckApp app(Map<String, String> config, Class<?>... beans) {
        TckApp app = TckApp.start(env, config, beans);
        apps.add(app);
        return app;
    }

    /** Skips the test (as skipped, with the reason) unless the connector claims the capability. */
    final void requires(Capability capability) {
        assumeTrue(env.capabilities.contains(capability),
                () -> "connector '" + env.provider.name() + "' does not claim " + capability);
    }

    final AddressSyntax syntax() {
        return env.syntax;
    }

    /** A fresh one-level address. */
    final String address(String hint) {
        return env.provider.uniqueAddress(hint);
    }

    /** Levels joined with the connector's level separator. */
    final String levels(String... levels) {
        return String.join(syntax().separator(), levels);
    }

    final void prepare(String concreteAddress) {
        try {
            env.provider.prepareAddress(concreteAddress);
        } catch (Exception e) {
            throw new IllegalStateException("TCK: prepareAddress(" + concreteAddress + ") failed: " + e, e);
        }
    }

    final Duration patience() {
        return env.provider.patience();
    }

    /** An Awaitility condition bounded by {@link TckProvider#patience()}, polling often. */
    final ConditionFactory await() {
        return Awaitility.await().atMost(patience()).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    final ConditionFactory await(String alias) {
        return await().alias(alias);
    }

    /** Waits (at most {@link #patience()}) for a stage and returns its value; fails the test on error or timeout. */
    final <T> T complete(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(patience().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("not completed within " + patience().toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Publishes a text body through the runtime ({@link dev.tributary.Publishers}) and waits until the broker accepted it. */
    final void publishText(TckApp app, String address, String text) {
        complete(app.publishers().channel(address, String.class).publish(text));
    }

    final void publishText(TckApp app, String address, String text, PublishOptions options) {
        complete(app.publishers().channel(address, String.class).publish(text, options));
    }

    /** Blocks (at most {@link #patience()}) until the latch opens; a handler's way to wait for the test. */
    final boolean awaitLatch(CountDownLatch latch) {
        try {
            return latch.await(patience().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
