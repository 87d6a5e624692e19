package dev.linden.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.linden.protocol.ber.BerException;
import java.util.Arrays;

/**
 * Arbitrary bytes into the LDAP decoder. Only a BerException may come out; a message that decodes
 * must encode, decode again and re-encode to the same bytes. Under plain {@code mvn test} this runs
 * the seeds in {@code LdapDecoderFuzzTestInputs/decode}; see FUZZING.md for fuzzing.
 */
class LdapDecoderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] pdu) {
        LdapMessage message;
        try {
            message = LdapDecoder.decode(pdu);
        } catch (BerException refused) {
            return;
        }
        byte[] first = LdapEncoder.encode(message);
        LdapMessage again;
        try {
            again = LdapDecoder.decode(first);
        } catch (BerException e) {
            throw new AssertionError("the encoding of a decoded message does not decode: " + e.getMessage()
                    + "\ninput:   " + Codec.hex(pdu) + "\nencoded: " + Codec.hex(first));
        }
        byte[] second = LdapEncoder.encode(again);
        if (!Arrays.equals(first, second)) {
            throw new AssertionError("re-encoding differs\ninput:  " + Codec.hex(pdu) + "\nfirst:  " + Codec.hex(first)
                    + "\nsecond: " + Codec.hex(second));
        }
    }
}
