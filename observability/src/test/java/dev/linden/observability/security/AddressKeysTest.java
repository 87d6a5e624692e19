package dev.linden.observability.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressKeysTest {
    @Test
    void ipv4AsItIsAndIpv6ByItsSlash64() {
        assertThat(AddressKeys.of("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(AddressKeys.of("2001:db8:0:1:2:3:4:5")).isEqualTo("2001:db8:0:1::/64");
        assertThat(AddressKeys.of("2001:db8:0:1:ffff:3:4:5")).isEqualTo(AddressKeys.of("2001:db8:0:1:2:3:4:5"));
        assertThat(AddressKeys.of("fe80:0:0:0:1:2:3:4%eth0")).isEqualTo("fe80:0:0:0::/64");
    }
}
