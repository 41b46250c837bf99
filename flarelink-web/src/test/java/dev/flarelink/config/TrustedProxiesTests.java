package dev.flarelink.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** FLARELINK_TRUSTED_PROXIES must be CIDR ranges: a bare address would be read by Tomcat as a regular expression. */
class TrustedProxiesTests {

    @Test
    void acceptsEmptyAndCidrLists() {
        assertThatCode(() -> TrustedProxies.check("")).doesNotThrowAnyException();
        assertThatCode(() -> TrustedProxies.check("172.28.0.1/32, fd00::/64")).doesNotThrowAnyException();
    }

    @Test
    void refusesABareAddressOrAGarbledRangeSayingHowToWriteIt() {
        assertThatThrownBy(() -> TrustedProxies.check("10.0.0.5"))
                .hasMessageContaining("'10.0.0.5' needs a prefix length, e.g. 10.0.0.5/32");
        assertThatThrownBy(() -> TrustedProxies.check("172.28.0.1/32, proxy.local/8"))
                .hasMessageContaining("'proxy.local/8' is not a CIDR range");
    }
}
