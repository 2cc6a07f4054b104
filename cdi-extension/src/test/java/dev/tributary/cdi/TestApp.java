package dev.tributary.cdi;

import dev.tributary.spi.Connector;
import dev.tributary.spi.DestinationSpec;
import dev.tributary.spi.OutboundMessage;
import jakarta.enterprise.inject.spi.CDI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A Weld SE container with the Tributary extension, the given bean classes and configuration (system
 * properties, MicroProfile Config released so that it sees them). Closing it shuts Weld down and clears the
 * properties.
 */
final class TestApp implements AutoCloseable {
    final WeldContainer container;
    private final Map<String, String> config;

    private TestApp(WeldContainer container, Map<String, String> config) {
        this.container = container;
        this.config = config;
    }

    static Map<String, String> config(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static TestApp start(Class<?>... beans) {
        return start(Map.of(), beans);
    }

    static TestApp start(Map<String, String> config, Class<?>... beans) {
        applyConfig(config);
        try {
            WeldContainer c = weld(beans).initialize();
            return new TestApp(c, config);
        } catch (RuntimeException e) {
            clearConfig(config);
            throw e;
        }
    }

    static Weld weld(Class<?>... beans) {
        return new Weld("tributary-test-" + UUID.randomUUID()).disableDiscovery()
                .addExtension(new TributaryExtension()).addBeanClasses(beans).addBeanClass(Anchor.class);
    }

    static void applyConfig(Map<String, String> config) {
        config.forEach(System::setProperty);
        releaseConfig();
    }

    static void clearConfig(Map<String, String> config) {
        config.keySet().forEach(System::clearProperty);
        releaseConfig();
    }

    private static void releaseConfig() {
        try {
            ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        } catch (RuntimeException ignored) {
            // nothing to release
        }
    }

    <T> T get(Class<T> type) {
        return container.select(type).get();
    }

    TributaryRuntime runtime() {
        return get(TributaryExtension.class).runtime();
    }

    Connector connector(String name) {
        return runtime().connectors.get(name);
    }

    /** Publishes raw bytes straight through the connector's sender (bypassing codecs). */
    void sendRaw(String connector, String address, byte[] body, String contentType, Map<String, String> headers,
            String key) {
        Connector c = connector(connector);
        c.sender(new DestinationSpec(address, dev.tributary.spi.AddressTemplate.parse(address, c.addressSyntax()),
                Map.of(), List.of()))
                .send(new OutboundMessage(address, body, contentType, UUID.randomUUID().toString(), null, null, key,
                        headers, Map.of()))
                .toCompletableFuture().join();
    }

    void sendText(String address, String text) {
        sendRaw("memory", address, text.getBytes(StandardCharsets.UTF_8), "text/plain", Map.of(), null);
    }

    void sendJson(String address, String json) {
        sendRaw("memory", address, json.getBytes(StandardCharsets.UTF_8), "application/json", Map.of(), null);
    }

    /** Weld SE refuses an empty deployment; this bean is always there. */
    @jakarta.enterprise.context.Dependent
    static class Anchor {
    }

    @Override
    public void close() {
        try {
            if (container.isRunning()) {
                container.shutdown();
            }
        } finally {
            clearConfig(config);
        }
    }

    static boolean cdiAvailable() {
        try {
            return CDI.current() != null;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
