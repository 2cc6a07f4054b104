package dev.tributary.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.TributaryException;
import dev.tributary.spi.AddressSyntax;
import dev.tributary.spi.AddressTemplate;
import dev.tributary.spi.Capability;
import dev.tributary.spi.ConnectorConfig;
import dev.tributary.spi.ConnectorProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Configuration declared once, the README kept in step with it, topic rules, and the provider's registration. */
class MqttConfigTest {

    private static MqttConfig config(String... kv) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return MqttConfig.from(new ConnectorConfig("m", m));
    }

    @Test
    void defaults() {
        MqttConfig c = MqttConfig.defaults();
        assertThat(c.host()).isEqualTo("localhost");
        assertThat(c.port()).isEqualTo(1883);
        assertThat(c.version()).isEqualTo("5.0");
        assertThat(c.clientId()).startsWith("tributary-");
        assertThat(c.cleanStart()).isTrue();
        assertThat(c.sessionExpiry()).isEqualTo(Duration.ZERO);
        assertThat(c.persistentSession()).isFalse();
        assertThat(c.qos()).isEqualTo(1);
        assertThat(c.reconnect().enabled()).isTrue();
        assertThat(c.reconnect().maxAttempts()).isEqualTo(-1);
        assertThat(c.tls()).isNull();
        assertThat(c.will()).isNull();
        assertThat(c.publishTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aPersistentSessionNeedsNoCleanStartAndOn5AnExpiry() {
        assertThat(config(MqttConfig.CLEAN_START, "false").persistentSession()).isFalse();
        assertThat(config(MqttConfig.CLEAN_START, "false", MqttConfig.SESSION_EXPIRY, "1h").persistentSession()).isTrue();
        assertThat(config(MqttConfig.CLEAN_START, "false", MqttConfig.VERSION, "3.1.1").persistentSession()).isTrue();
    }

    @Test
    void reconnectDelaysGrowByTheFactorUpToTheMaximum() {
        MqttConfig.Reconnect r = config(MqttConfig.RECONNECT_INITIAL_DELAY, "100ms", MqttConfig.RECONNECT_FACTOR, "3",
                MqttConfig.RECONNECT_MAX_DELAY, "1s").reconnect();
        assertThat(r.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(r.delay(2)).isEqualTo(Duration.ofMillis(300));
        assertThat(r.delay(3)).isEqualTo(Duration.ofMillis(900));
        assertThat(r.delay(4)).isEqualTo(Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @CsvSource({"version,4", "qos,3", "port,0", "receive-maximum,0", "reconnect.factor,0.5", "will.topic,a/+",
            "keep-alive,soon"})
    void invalidValuesFailWithACodeNamingTheKey(String key, String value) {
        assertThatThrownBy(() -> config(key, value)).isInstanceOfSatisfying(TributaryException.class,
                e -> assertThat(e.code()).isIn("TRB-MQT001", "TRB-CFG001")).hasMessageContaining(key);
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(config(MqttConfig.PASSWORD, "hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void theReadmeTableListsEveryKey() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (String key : MqttConfig.KEYS) {
            assertThat(readme).as("README row for " + key).contains("| `" + key + "` |");
        }
    }

    @Test
    void theReadmeListsEveryErrorCode() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String catalogue = Files.readString(Path.of("src/main/java/dev/tributary/mqtt/MqttErrors.java"))
                + Files.readString(Path.of("src/main/java/dev/tributary/mqtt/MqttSubscription.java"))
                + Files.readString(Path.of("src/main/java/dev/tributary/mqtt/MqttReconnect.java"))
                + Files.readString(Path.of("src/main/java/dev/tributary/mqtt/MqttConnector.java"))
                + Files.readString(Path.of("src/main/java/dev/tributary/mqtt/MqttRequests.java"));
        var codes = java.util.regex.Pattern.compile("TRB-MQT\\d{3}").matcher(catalogue).results()
                .map(java.util.regex.MatchResult::group).distinct().toList();
        assertThat(codes).hasSizeGreaterThan(20);
        for (String code : codes) {
            assertThat(readme).as("README row for " + code).contains("| `" + code + "` |");
        }
    }

    @Test
    void theProviderIsFoundByServiceLoaderAndCapabilitiesAreHonestPerVersion() {
        ConnectorProvider p = ServiceLoader.load(ConnectorProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.type().equals("mqtt")).findFirst().orElseThrow();
        try (TestContext ctx = new TestContext()) {
            assertThat(p).isInstanceOf(MqttConnectorProvider.class);
            MqttConnector v5 = new MqttConnector(ctx, MqttConfig.defaults());
            MqttConnector v3 = new MqttConnector(ctx, config(MqttConfig.VERSION, "3.1.1"));
            assertThat(v5.capabilities()).contains(Capability.HEADERS, Capability.REQUEST_REPLY, Capability.PAUSE,
                    Capability.WILDCARDS, Capability.PATH_TEMPLATES).doesNotContain(Capability.NACK_REDELIVERY);
            assertThat(v3.capabilities()).doesNotContain(Capability.HEADERS, Capability.REQUEST_REPLY);
            assertThat(v5.addressSyntax()).isEqualTo(AddressSyntax.MQTT);
            assertThat(v5.metadataTypes()).containsExactly(MqttMetadata.class);
            assertThat(v5.health().up()).as("created, not started: no I/O yet").isFalse();
        }
    }

    @Test
    void topicFiltersMatchAsMqttSays() {
        assertThat(MqttTopics.matches("a/+/c", "a/b/c")).isTrue();
        assertThat(MqttTopics.matches("a/+/c", "a/b/d")).isFalse();
        assertThat(MqttTopics.matches("a/#", "a")).isTrue();
        assertThat(MqttTopics.matches("a/#", "a/b/c")).isTrue();
        assertThat(MqttTopics.matches("#", "$SYS/x")).isFalse();
        assertThat(MqttTopics.matches("$share/g/a/+", "a/b")).isTrue();
        assertThat(MqttTopics.hasWildcard("a/b")).isFalse();
        assertThat(MqttTopics.hasWildcard("a/+")).isTrue();
    }

    @Test
    void theTemplateRulesOfTheSeedHoldWithMqttSyntax() {
        AddressTemplate t = AddressTemplate.parse("devices/{id}/temp", AddressSyntax.MQTT);
        assertThat(t.subscribeAddress()).isEqualTo("devices/+/temp");
        assertThat(t.match("devices/d7/temp")).isEqualTo(Map.of("id", "d7"));
        assertThat(AddressTemplate.parse("/root/{{braced}}", AddressSyntax.MQTT).subscribeAddress())
                .isEqualTo("/root/{braced}");
        AddressTemplate hash = AddressTemplate.parse("site/{site}/+/#", AddressSyntax.MQTT);
        assertThat(hash.subscribeAddress()).isEqualTo("site/+/+/#");
        assertThat(hash.match("site/s1/a/b/c")).as("# is never captured").isEqualTo(Map.of("site", "s1"));
        for (String invalid : new String[] {"/pre{name}/x", "/{name}post/x", "a/{x}/b/{x}", "a/#/b"}) {
            assertThatThrownBy(() -> AddressTemplate.parse(invalid, AddressSyntax.MQTT)).as(invalid)
                    .isInstanceOf(TributaryException.class).hasMessageStartingWith("TRB-ADR");
        }
    }
}
