package dev.linden.model.sync;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Arbitrary bytes into the sync cookie parser (and so the CSN parser). Only a SyncSyntaxException
 * may come out; a cookie that parses must print as its canonical text, which parses to an equal
 * cookie and prints the same again. Under plain {@code mvn test} this replays the seeds in
 * {@code SyncCookieFuzzTestInputs/parse}; see protocol/FUZZING.md for fuzzing mode.
 */
class SyncCookieFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void parse(byte[] input) {
        SyncCookie cookie;
        try {
            cookie = SyncCookie.parse(input);
        } catch (SyncSyntaxException refused) {
            return;
        }
        String printed = cookie.toString();
        SyncCookie again;
        try {
            again = SyncCookie.parse(printed);
        } catch (SyncSyntaxException e) {
            throw new AssertionError("printed cookie does not parse: " + e.getMessage() + "\nprinted: " + printed);
        }
        if (!again.equals(cookie) || !again.toString().equals(printed)) {
            throw new AssertionError("printed cookie differs\nfirst:  " + printed + "\nsecond: " + again);
        }
        for (Csn csn : cookie.csns().csns()) {
            if (csn.toString().length() != Csn.LENGTH) {
                throw new AssertionError("CSN not written in 40 characters: " + csn);
            }
        }
    }
}
