package dev.linden.protocol.netlogon;

import static dev.linden.protocol.Codec.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NetlogonResponseTest {
    static final UUID GUID = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");

    static NetlogonResponse sample(Inet4Address address) {
        int ntVersion = Netlogon.NT_VERSION_1
                | Netlogon.NT_VERSION_5EX
                | (address == null ? 0 : Netlogon.NT_VERSION_5EX_WITH_IP);
        return new NetlogonResponse(
                Netlogon.OPCODE_RESPONSE_EX,
                Netlogon.FLAG_LDAP | Netlogon.FLAG_DS,
                GUID,
                "example.com",
                "example.com",
                "dc1.example.com",
                "EXAMPLE",
                "DC1",
                "",
                "Default-First-Site-Name",
                "Default-First-Site-Name",
                address,
                null,
                ntVersion);
    }

    @Test
    void knownBytesWithCompression() throws Exception {
        byte[] b = sample(null).encode();
        // opcode 23, Sbz, flags 0x18, then the GUID in Microsoft's order
        assertThat(hex(Arrays.copyOfRange(b, 0, 24)))
                .isEqualTo("17 00 00 00 18 00 00 00 33 22 11 00 55 44 77 66 88 99 aa bb cc dd ee ff");
        // forest in full at 24; the domain is a pointer to it; the host is "dc1" and a pointer
        assertThat(hex(Arrays.copyOfRange(b, 24, 24 + 13 + 2 + 6)))
                .isEqualTo("07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 c0 18 03 64 63 31 c0 18");
        // NtVersion 5 (V1 | 5EX) and the two tokens
        assertThat(hex(Arrays.copyOfRange(b, b.length - 8, b.length))).isEqualTo("05 00 00 00 ff ff ff ff");
        // the client site repeats the server's site: two bytes
        assertThat(b).hasSize(24 + 13 + 2 + 6 + 9 + 5 + 1 + 25 + 2 + 8);
        assertThat(NetlogonResponse.decode(b)).isEqualTo(sample(null));
    }

    @Test
    void serverAddressWhenAsked() throws Exception {
        Inet4Address ip = (Inet4Address) InetAddress.getByName("192.0.2.7");
        byte[] b = sample(ip).encode();
        int at = b.length - 8 - 17;
        assertThat(hex(Arrays.copyOfRange(b, at, at + 17)))
                .isEqualTo("10 02 00 00 00 c0 00 02 07 00 00 00 00 00 00 00 00");
        assertThat(NetlogonResponse.decode(b)).isEqualTo(sample(ip));
    }

    @Test
    void guidOrderRoundTrips() {
        UUID random = UUID.randomUUID();
        assertThat(NetlogonResponse.guid(NetlogonResponse.guidBytes(random), 0)).isEqualTo(random);
    }

    @Test
    void namesThatCannotBeWritten() {
        for (String bad : new String[] {
            "a..b",
            ".example.com",
            "example.com.",
            "x".repeat(64) + ".com",
            ("abcdefghi.").repeat(26) + "com",
            "bad\ud800name"
        }) {
            NetlogonResponse r = new NetlogonResponse(23, 0, GUID, bad, "", "", "", "", "", "", "", null, null, 4);
            assertThatThrownBy(r::encode).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesMalformedValues() {
        byte[] good = sample(null).encode();
        // truncated anywhere
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThatThrownBy(() -> NetlogonResponse.decode(cut))
                    .as("cut at %d", n)
                    .isInstanceOf(NetlogonFormatException.class);
        }
        // wrong tokens
        byte[] tokens = good.clone();
        tokens[tokens.length - 1] = 0;
        assertThatThrownBy(() -> NetlogonResponse.decode(tokens)).hasMessageContaining("0xFFFF");
        // a pointer to itself (a loop), and a pointer forwards
        byte[] loop = good.clone();
        loop[24] = (byte) 0xC0;
        loop[25] = 24;
        assertThatThrownBy(() -> NetlogonResponse.decode(loop)).hasMessageContaining("backwards");
        byte[] forwards = good.clone();
        forwards[24 + 13] = (byte) 0xC0;
        forwards[24 + 13 + 1] = 60;
        assertThatThrownBy(() -> NetlogonResponse.decode(forwards)).hasMessageContaining("backwards");
        // bytes left over between the names and NtVersion
        byte[] extra = new byte[good.length + 1];
        System.arraycopy(good, 0, extra, 0, good.length - 8);
        System.arraycopy(good, good.length - 8, extra, good.length - 7, 8);
        assertThatThrownBy(() -> NetlogonResponse.decode(extra)).hasMessageContaining("NtVersion starts");
    }

    @Test
    void addressAndSiteMustMatchNtVersion() {
        assertThatThrownBy(() -> new NetlogonResponse(
                        23, 0, GUID, "", "", "", "", "", "", "", "", null, null, Netlogon.NT_VERSION_5EX_WITH_IP))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NetlogonResponse(
                        23, 0, GUID, "", "", "", "", "", "", "", "", null, null, Netlogon.NT_VERSION_WITH_CLOSEST_SITE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
