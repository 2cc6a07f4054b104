package dev.tributary.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.TributaryException;
import dev.tributary.outbox.OutboxConfig;
import dev.tributary.spi.ConnectorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small parts: header text, retry policy, row ids, configuration. */
class PartsTest {

    @Test
    void headerTextRoundTripsAnyText() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("tenant", "acme");
        h.put("a=b", "c=d");
        h.put("multi", "line1\nline2\r\n%41");
        h.put("empty", "");
        h.put("unicode", "grüße ✓");
        String text = HeaderText.encode(h);
        assertThat(text).doesNotContain("line1\n");
        assertThat(HeaderText.decode(text)).isEqualTo(h);
        assertThat(HeaderText.encode(Map.of())).isNull();
        assertThat(HeaderText.decode(null)).isEmpty();
    }

    @Test
    void retryPoliciesGrowCapAndStop() {
        OutboxConfig.Retry base = OutboxConfig.DEFAULTS.retry();
        RetryPolicy exp = new RetryPolicy(new OutboxConfig.Retry("exponential", Duration.ofMillis(100),
                Duration.ofMillis(1000), 2.0, 0, 5, Duration.ZERO));
        assertThat(List.of(exp.delayMillis(1), exp.delayMillis(2), exp.delayMillis(3), exp.delayMillis(4),
                exp.delayMillis(5))).containsExactly(100L, 200L, 400L, 800L, 1000L);
        RetryPolicy linear = new RetryPolicy(new OutboxConfig.Retry("linear", Duration.ofMillis(100),
                Duration.ofMillis(250), 2.0, 0, 0, Duration.ZERO));
        assertThat(List.of(linear.delayMillis(1), linear.delayMillis(2), linear.delayMillis(3)))
                .containsExactly(100L, 200L, 250L);
        RetryPolicy constant = new RetryPolicy(new OutboxConfig.Retry("constant", Duration.ofMillis(70),
                Duration.ofMillis(1000), 2.0, 0, 0, Duration.ofMinutes(1)));
        assertThat(constant.delayMillis(9)).isEqualTo(70);
        assertThat(exp.exhausted(4, 0, 1)).isFalse();
        assertThat(exp.exhausted(5, 0, 1)).isTrue();
        assertThat(constant.exhausted(1000, 0, 59_999)).isFalse(); // unlimited attempts
        assertThat(constant.exhausted(1, 0, 60_000)).isTrue(); // max age
        RetryPolicy jittered = new RetryPolicy(new OutboxConfig.Retry("exponential", Duration.ofMillis(1000),
                Duration.ofMinutes(1), 2.0, 0.2, 0, Duration.ZERO));
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            delays.add(jittered.delayMillis(1));
        }
        assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(800L, 1200L));
        assertThat(delays.stream().distinct().count()).isGreaterThan(10);
        assertThat(base.policy()).isEqualTo("exponential");
    }

    @Test
    void rowIdsAreUniqueFixedWidthAndGrowWithinTheJvm() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(RowIds.next());
        }
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).matches("[0-9a-f]{32}"));
        assertThat(ids).isSorted();
    }

    @Test
    void configDefaultsOverridesAndCodedErrors() {
        OutboxConfig d = OutboxConfig.DEFAULTS;
        assertThat(d.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.batchSize()).isEqualTo(500);
        assertThat(d.lease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.retry().maxAttempts()).isEqualTo(10);
        assertThat(d.orderedKeys()).isTrue();
        assertThat(d.retention()).isZero();
        OutboxConfig c = OutboxConfig.from(new ConnectorConfig("ob", Map.of("poll-interval", "2s", "retry.policy",
                "linear")), Map.of("ordered-keys", "false"));
        assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.retry().policy()).isEqualTo("linear");
        assertThat(c.orderedKeys()).isFalse();
        assertThatThrownBy(() -> OutboxConfig.from(new ConnectorConfig("ob", Map.of("retry.policy", "fibonacci"))))
                .isInstanceOf(TributaryException.class).hasMessageStartingWith("TRB-OBX010")
                .hasMessageContaining("tributary.connectors.ob.retry.policy");
        assertThatThrownBy(() -> OutboxConfig.from(new ConnectorConfig("ob", Map.of("claim-size", "0"))))
                .hasMessageStartingWith("TRB-OBX010");
        assertThatThrownBy(() -> OutboxConfig.from(new ConnectorConfig("ob", Map.of("retry.jitter", "2"))))
                .hasMessageStartingWith("TRB-CFG001");
    }
}
