package dev.linden.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.netlogon.LdapPing;
import dev.linden.protocol.netlogon.NetlogonFormatException;
import dev.linden.protocol.netlogon.NetlogonResponse;
import dev.linden.protocol.op.SearchRequest;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.UUID;

/**
 * The LDAP ping's decoders, fed arbitrary bytes (see FUZZING.md). {@code ping}: a datagram as the
 * CLDAP listener reads it (LdapDecoder, then LdapPing); only BerException may come out.
 * {@code netlogon}: NetlogonResponse.decode, which doctor uses on what servers send; only
 * NetlogonFormatException, and what decodes encodes and decodes to the same response.
 * {@code encode}: responses built from fuzzed names (as the configuration would give them) encode
 * and decode back equal, or are refused with IllegalArgumentException.
 */
class NetlogonFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void ping(byte[] datagram) {
        LdapMessage message;
        try {
            message = LdapDecoder.decode(datagram);
        } catch (BerException refused) {
            return;
        }
        if (message.op() instanceof SearchRequest s) {
            LdapPing.asksForNetlogon(s);
            LdapPing ping = LdapPing.parse(s.filter());
            if (ping != null) {
                ping.wantsExtendedResponse();
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void netlogon(byte[] value) {
        NetlogonResponse r;
        try {
            r = NetlogonResponse.decode(value);
        } catch (NetlogonFormatException refused) {
            return;
        }
        byte[] again = r.encode();
        try {
            if (!NetlogonResponse.decode(again).equals(r)) {
                throw new AssertionError("re-encoded response decodes differently: " + r);
            }
        } catch (NetlogonFormatException e) {
            throw new AssertionError("the encoding of a decoded response does not decode: " + e.getMessage()
                    + "\ninput: " + Codec.hex(value) + "\nencoded: " + Codec.hex(again));
        }
    }

    @FuzzTest(maxDuration = "60s")
    void encode(FuzzedDataProvider data) throws Exception {
        String[] names = new String[9];
        for (int i = 0; i < names.length; i++) {
            names[i] = data.consumeString(80);
        }
        boolean withIp = data.consumeBoolean();
        boolean withSite = data.consumeBoolean();
        Inet4Address ip = withIp
                ? (Inet4Address) InetAddress.getByAddress(
                        data.consumeBytes(4).length == 4 ? new byte[] {10, 0, 0, 1} : new byte[] {127, 0, 0, 1})
                : null;
        int ntVersion = 5 | (withIp ? 8 : 0) | (withSite ? 0x10 : 0);
        NetlogonResponse r = new NetlogonResponse(
                data.consumeInt(0, 0xFFFF),
                data.consumeInt(),
                new UUID(data.consumeLong(), data.consumeLong()),
                names[0],
                names[1],
                names[2],
                names[3],
                names[4],
                names[5],
                names[6],
                names[7],
                ip,
                withSite ? names[8] : null,
                ntVersion);
        byte[] bytes;
        try {
            bytes = r.encode();
        } catch (IllegalArgumentException refused) {
            return;
        }
        NetlogonResponse back = NetlogonResponse.decode(bytes);
        if (!back.equals(r)) {
            throw new AssertionError("decoded " + back + "\nexpected " + r);
        }
    }
}
