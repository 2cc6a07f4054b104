package dev.tributary.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.TributaryException;
import dev.tributary.spi.AddressSyntax;
import dev.tributary.spi.AddressTemplate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MQTT shared subscriptions written into the address: {@code $share/<group>/} is kept for subscribing only. */
class SharedSubscriptionTemplateTest {

    @Test
    void theGroupPrefixIsSubscribedButNotMatched() {
        AddressTemplate t = AddressTemplate.parse("$share/thermo/devices/{id}/temp", AddressSyntax.MQTT);
        assertThat(t.subscribeAddress()).isEqualTo("$share/thermo/devices/+/temp");
        assertThat(t.params()).containsExactly("id");
        assertThat(t.match("devices/d1/temp")).isEqualTo(Map.of("id", "d1"));
        assertThat(t.match("$share/thermo/devices/d1/temp")).isNull();
        assertThat(t.isPattern()).isTrue();
        assertThat(AddressTemplate.parse("$share/g/a/#", AddressSyntax.MQTT).match("a/b/c")).isEmpty();
    }

    @Test
    void aSharedAddressIsNoPublishTargetAndNeedsAGroupAndAFilter() {
        AddressTemplate t = AddressTemplate.parse("$share/g/orders", AddressSyntax.MQTT);
        assertThatThrownBy(() -> t.fill(Map.of())).isInstanceOf(TributaryException.class).hasMessageContaining("TRB-ADR005");
        for (String bad : new String[] {"$share//x", "$share/g/", "$share/+/x", "$share/g"}) {
            assertThatThrownBy(() -> AddressTemplate.parse(bad, AddressSyntax.MQTT)).as(bad)
                    .isInstanceOf(TributaryException.class).hasMessageContaining("TRB-ADR006");
        }
        // only MQTT knows shared subscriptions: elsewhere '$share' is an ordinary level
        assertThat(AddressTemplate.parse("$share/g/x", AddressSyntax.KAFKA).subscribeAddress()).isEqualTo("$share/g/x");
    }
}
