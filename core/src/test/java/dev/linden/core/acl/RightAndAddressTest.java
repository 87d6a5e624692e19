package dev.linden.core.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RightAndAddressTest {
    @Test
    void levelsAreCumulativeAndListsAreExact() {
        assertThat(Right.parse(List.of("read")))
                .containsExactlyInAnyOrder(Right.AUTH, Right.COMPARE, Right.SEARCH, Right.READ);
        assertThat(Right.parse(List.of("write")))
                .contains(Right.READ, Right.ADD, Right.DELETE)
                .doesNotContain(Right.MANAGE);
        assertThat(Right.parse(List.of("manage"))).isEqualTo(EnumSet.allOf(Right.class));
        assertThat(Right.parse(List.of("none"))).isEmpty();
        assertThat(Right.parse(List.of("auth", "write"))).containsExactlyInAnyOrder(Right.AUTH, Right.WRITE);
        assertThat(Right.parse(List.of("add"))).containsExactly(Right.ADD);
        assertThatThrownBy(() -> Right.parse(List.of("everything"))).hasMessageContaining("everything");
        assertThatThrownBy(() -> Right.parse(List.of("auth", "lots"))).hasMessageContaining("lots");
    }

    @Test
    void addressRanges() {
        AddressRange loopback = AddressRange.parse("127.0.0.0/8");
        assertThat(loopback.contains("127.0.0.1")).isTrue();
        assertThat(loopback.contains("127.255.1.2")).isTrue();
        assertThat(loopback.contains("128.0.0.1")).isFalse();
        assertThat(loopback.contains("0:0:0:0:0:0:0:1")).isFalse();
        AddressRange odd = AddressRange.parse("192.168.4.0/22");
        assertThat(odd.contains("192.168.7.255")).isTrue();
        assertThat(odd.contains("192.168.8.0")).isFalse();
        assertThat(AddressRange.parse("10.1.2.3").contains("10.1.2.3")).isTrue();
        assertThat(AddressRange.parse("10.1.2.3").contains("10.1.2.4")).isFalse();
        assertThat(AddressRange.parse("::1/128").contains("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(AddressRange.parse("fd00::/8").contains("fd12:3456::1")).isTrue();
        assertThatThrownBy(() -> AddressRange.parse("example.com/8")).hasMessageContaining("numeric");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).hasMessageContaining("prefix");
    }
}
