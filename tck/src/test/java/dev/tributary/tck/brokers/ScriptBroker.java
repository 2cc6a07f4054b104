package dev.tributary.tck.brokers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A fake broker for the launcher's own tests: a shell script that never answers any protocol, so the
 * readiness deadline and the process-tree cleanup can be observed.
 */
final class ScriptBroker extends ProcessBroker {

    private final String script;
    private final Duration startTimeout;

    ScriptBroker(String script, Duration startTimeout) {
        super("script");
        this.script = script;
        this.startTimeout = startTimeout;
    }

    @Override
    public String connectionString() {
        return "script://" + HOST + ":" + port();
    }

    @Override
    void checkInstalled() {
        BrokerBinary.locate("sh", "dash");
    }

    @Override
    void prepare(Path workDir) {
    }

    @Override
    List<String> command() {
        return List.of("sh", "-c", script);
    }

    @Override
    boolean probe() {
        return false;
    }

    @Override
    Duration startTimeout() {
        return startTimeout;
    }
}
