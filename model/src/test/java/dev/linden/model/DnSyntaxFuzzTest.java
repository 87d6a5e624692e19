package dev.linden.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;
import java.nio.charset.StandardCharsets;

/**
 * Arbitrary strings into the RFC 4514 DN parser. Only an invalidDNSyntax LdapException may come
 * out; a DN that parses must print as a string that parses to an equal DN with the same storage
 * key. Under plain {@code mvn test} this replays the seeds in {@code DnSyntaxFuzzTestInputs/parse};
 * see protocol/FUZZING.md for fuzzing mode.
 */
class DnSyntaxFuzzTest {
    private static final Schema SCHEMA = Schema.standard();

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Dn dn;
        try {
            dn = DnSyntax.parse(text, SCHEMA);
        } catch (LdapException e) {
            if (e.code() != ResultCode.INVALID_DN_SYNTAX) {
                throw new AssertionError("unexpected result code " + e.code() + " for " + text);
            }
            return;
        }
        Dn again;
        try {
            again = DnSyntax.parse(dn.toString(), SCHEMA);
        } catch (LdapException e) {
            throw new AssertionError(
                    "printed DN does not parse: " + e.getMessage() + "\ninput:   " + text + "\nprinted: " + dn);
        }
        if (!again.equals(dn) || !java.util.Arrays.equals(again.key(), dn.key())) {
            throw new AssertionError("printed DN differs\ninput:   " + text + "\nfirst:   " + dn.normalized()
                    + "\nsecond:  " + again.normalized());
        }
    }
}
