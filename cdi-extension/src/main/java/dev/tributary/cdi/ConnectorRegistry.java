package dev.tributary.cdi;

import dev.tributary.TributaryException;
import dev.tributary.spi.Connector;
import dev.tributary.spi.ConnectorConfig;
import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.ConnectorProvider;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The connectors of a deployment, created (not started) while it is validated: one per configuration
 * section {@code tributary.connectors.<name>.*} ({@code type} defaults to the name), or with no section at
 * all one per provider type on the class path. Providers come from CDI beans and {@link ServiceLoader}.
 * With {@code tributary.testing.substitute-connectors=true} every connector is created by the
 * {@code memory} provider, with {@code syntax=<original type>}. Read-only after deployment.
 */
final class ConnectorRegistry {
    static final String WHERE = "configuration";

    private final Map<String, Connector> byName = new LinkedHashMap<>();
    private final RuntimeConfig config;

    private ConnectorRegistry(RuntimeConfig config) {
        this.config = config;
    }

    static ConnectorRegistry create(RuntimeConfig config, DeployedBeans beans, WorkerPool pool, Problems problems) {
        ConnectorRegistry r = new ConnectorRegistry(config);
        Map<String, ConnectorProvider> providers = providers(beans);
        boolean substitute = config.getBoolean("tributary.testing.substitute-connectors");
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        for (String name : config.connectorSections()) {
            sections.put(name, config.connectorSection(name));
        }
        if (sections.isEmpty()) {
            for (String type : providers.keySet()) {
                sections.put(type, new LinkedHashMap<>());
            }
        }
        for (Map.Entry<String, Map<String, String>> e : sections.entrySet()) {
            String name = e.getKey();
            Map<String, String> values = new LinkedHashMap<>(e.getValue());
            String type = values.getOrDefault("type", name).trim().toLowerCase(java.util.Locale.ROOT);
            ConnectorProvider provider = providers.get(type);
            if (substitute) {
                provider = providers.get("memory");
                if (!type.equals("memory")) {
                    values.putIfAbsent("syntax", type);
                }
                if (provider == null) {
                    problems.add("TRB-CDI001", "connector '" + name + "'",
                            "tributary.testing.substitute-connectors is set but no 'memory' connector provider is on the class path",
                            "add dev.tributary:tributary-memory to the test class path");
                    continue;
                }
            }
            if (provider == null) {
                problems.add("TRB-CDI001", "connector '" + name + "'", "its type '" + type
                        + "' has no connector provider on the class path (found: " + providers.keySet() + ")",
                        "add the connector module for '" + type + "' or set tributary.connectors." + name
                                + ".type to one of " + providers.keySet());
                continue;
            }
            ConnectorConfig cc = new ConnectorConfig(name, values);
            ConnectorContext ctx = new Context(name, cc, pool.scheduler(), pool.executor(), pool.threadFactory());
            try {
                r.byName.put(name, provider.create(ctx));
            } catch (TributaryException ex) {
                problems.add("TRB-CDI014", "connector '" + name + "'", "invalid configuration (" + ex.getMessage() + ")",
                        "correct tributary.connectors." + name + ".*");
            } catch (RuntimeException ex) {
                problems.add("TRB-CDI014", "connector '" + name + "'", "the " + type + " provider failed to create it: "
                        + ex, "correct tributary.connectors." + name + ".*");
            }
        }
        return r;
    }

    private static Map<String, ConnectorProvider> providers(DeployedBeans beans) {
        Map<String, ConnectorProvider> out = new LinkedHashMap<>();
        if (beans != null) {
            for (ConnectorProvider p : beans.references(ConnectorProvider.class)) {
                out.putIfAbsent(p.type().toLowerCase(java.util.Locale.ROOT), p);
            }
        }
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        for (ClassLoader cl : new ClassLoader[] {tccl, ConnectorRegistry.class.getClassLoader()}) {
            if (cl == null) {
                continue;
            }
            for (ServiceLoader.Provider<ConnectorProvider> sp : ServiceLoader.load(ConnectorProvider.class, cl).stream()
                    .toList()) {
                ConnectorProvider p = sp.get();
                out.putIfAbsent(p.type().toLowerCase(java.util.Locale.ROOT), p);
            }
        }
        return out;
    }

    Map<String, Connector> all() {
        return Collections.unmodifiableMap(byName);
    }

    Connector get(String name) {
        return byName.get(name);
    }

    /**
     * Resolves the connector of a handler, outgoing or channel: the first non-empty candidate (in priority
     * order), then {@code tributary.default-connector}, then the only connector. Reports CDI001/002/003.
     */
    String resolve(String where, String channel, Problems problems, String... candidates) {
        String chosen = null;
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                chosen = c.trim();
                break;
            }
        }
        if (chosen == null) {
            chosen = config.get("tributary.default-connector").orElse(null);
        }
        if (chosen == null) {
            if (byName.size() == 1) {
                return byName.keySet().iterator().next();
            }
            if (byName.isEmpty()) {
                problems.add("TRB-CDI003", where, "channel '" + channel + "' needs a connector but none is configured",
                        "add a connector module (for example tributary-memory) to the class path or configure "
                                + "tributary.connectors.<name>.type");
            } else {
                problems.add("TRB-CDI002", where, "channel '" + channel + "' could use any of the connectors "
                        + byName.keySet() + " and nothing picks one",
                        "set connector=\"…\" on the annotation, tributary.channels." + channel + ".connector, "
                                + "@Router(connector=…) on the class, or tributary.default-connector");
            }
            return null;
        }
        if (!byName.containsKey(chosen)) {
            problems.add("TRB-CDI001", where, "unknown connector '" + chosen + "' for channel '" + channel
                    + "' (known: " + byName.keySet() + ")", "use one of " + byName.keySet()
                    + " or configure tributary.connectors." + chosen + ".type");
            return null;
        }
        return chosen;
    }

    private record Context(String name, ConnectorConfig config, ScheduledExecutorService scheduler, Executor executor,
            java.util.concurrent.ThreadFactory threadFactory) implements ConnectorContext {
    }
}
