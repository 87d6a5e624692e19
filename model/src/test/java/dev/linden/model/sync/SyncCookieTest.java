package dev.linden.model.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyncCookieTest {
    private static final String CSN1 = "20261206124807.170433Z#000000#001#000000";
    private static final String CSN2 = "20261206124822.848706Z#000000#002#000000";
    private static final String CSN3 = "20261206124830.000001Z#00000a#003#000000";
    /** The cookie slapd 2.5.13 sent in the lab (research notes, replication.md). */
    private static final String LAB = "rid=000,sid=002,csn=" + CSN1 + ";" + CSN2;

    private static Csn csn(String text) throws SyncSyntaxException {
        return Csn.parse(text);
    }

    @Test
    void readsAndWritesTheCookieSlapdSent() throws SyncSyntaxException {
        SyncCookie cookie = SyncCookie.parse(LAB);
        assertThat(cookie.rid()).hasValue(0);
        assertThat(cookie.sid()).hasValue(2);
        assertThat(cookie.csns().bySid())
                .containsExactly(java.util.Map.entry(1, csn(CSN1)), java.util.Map.entry(2, csn(CSN2)));
        assertThat(cookie.csnFor(1)).contains(csn(CSN1));
        assertThat(cookie.csnFor(3)).isEmpty();
        assertThat(cookie.delCsn()).isEmpty();
        assertThat(cookie.toString()).isEqualTo(LAB);
        assertThat(cookie.toBytes()).isEqualTo(LAB.getBytes(StandardCharsets.US_ASCII));
        assertThat(SyncCookie.parse(LAB.getBytes(StandardCharsets.US_ASCII))).isEqualTo(cookie);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            fields in another order       | csn=CSN2;CSN1,sid=002,rid=000             | rid=000,sid=002,csn=CSN1;CSN2
            csns not sorted by server ID  | rid=000,sid=002,csn=CSN3;CSN1             | rid=000,sid=002,csn=CSN1;CSN3
            no sid (a 2.4 provider)       | rid=001,csn=CSN1                          | rid=001,csn=CSN1
            no csn (slapd with no state)  | rid=001,sid=001                           | rid=001,sid=001
            only a rid                    | rid=1                                     | rid=001
            no rid                        | sid=002,csn=CSN2                          | sid=002,csn=CSN2
            a deletion from a session log | rid=000,sid=001,csn=CSN1,delcsn=CSN2      | rid=000,sid=001,csn=CSN1,delcsn=CSN2
            short and uppercase numbers   | rid=7,sid=0A,csn=CSN1                     | rid=007,sid=00a,csn=CSN1
            leading zeros                 | rid=0000042,sid=00000fff                  | rid=042,sid=fff
            a field this version ignores  | rid=001,ctx=whatever,csn=CSN1             | rid=001,csn=CSN1
            stray commas and a final ';'  | ,rid=001,,csn=CSN1;,                      | rid=001,csn=CSN1
            an empty csn list             | rid=001,csn=                              | rid=001
            nothing at all                | ""                                        | ""
            """)
    void parsesLenientlyAndWritesCanonically(String what, String input, String canonical) throws SyncSyntaxException {
        SyncCookie cookie = SyncCookie.parse(expand(input));
        assertThat(cookie.toString()).as(what).isEqualTo(expand(canonical));
        assertThat(SyncCookie.parse(cookie.toString())).isEqualTo(cookie);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            rid above 999              | rid=1000,csn=CSN1                  | rid= is above 999
            negative rid               | rid=-1                             | rid= is not a decimal number
            rid with a sign            | rid=+1                             | rid= is not a decimal number
            rid with a space           | "rid= 1"                           | rid= is not a decimal number
            rid followed by junk       | rid=001x,csn=CSN1                  | rid= is not a decimal number
            rid without digits         | rid=,csn=CSN1                      | rid= has no value
            sid above fff              | rid=001,sid=1000                   | sid= is above fff
            sid not hex                | rid=001,sid=xyz                    | sid= is not a hex number
            a CSN that is garbage      | rid=001,csn=garbage                | not a CSN
            an uppercase CSN           | rid=001,csn=20261206124807.170433Z#00000A#001#000000 | lowercase
            an empty CSN in the list   | rid=001,csn=CSN1;;CSN2             | not a CSN
            two CSNs of one server     | rid=001,csn=CSN1;CSN1              | two CSNs of server ID 1
            a field given twice        | rid=001,rid=002                    | rid= is given twice
            csn given twice            | csn=CSN1,csn=CSN2                  | csn= is given twice
            a field without a name     | =001                               | is not name=value
            a bare word                | hello                              | is not name=value
            a bad delcsn               | rid=001,delcsn=CSN1;CSN2           | not a CSN
            """)
    void refusesGarbageClearly(String what, String input, String why) {
        assertThatThrownBy(() -> SyncCookie.parse(expand(input)))
                .as(what)
                .isInstanceOf(SyncSyntaxException.class)
                .hasMessageContaining(why);
    }

    @Test
    void refusesBytesThatAreNotPrintableAscii() {
        assertThatThrownBy(() -> SyncCookie.parse(new byte[] {'r', 'i', 'd', '=', '1', (byte) 0xC3, (byte) 0xA9}))
                .isInstanceOf(SyncSyntaxException.class)
                .hasMessageContaining("character 5 is not printable ASCII");
        assertThatThrownBy(() -> SyncCookie.parse("rid=001\ncsn=" + CSN1))
                .hasMessageContaining("\\u000a")
                .hasMessageNotContaining("\n");
    }

    @Test
    void withCsnInsertsOrReplacesTheValueOfItsServer() throws SyncSyntaxException {
        SyncCookie cookie = SyncCookie.parse(LAB);
        Csn newer2 = Csn.of(csn(CSN2).epochMicros() + 1, 0, 2, 0);
        assertThat(cookie.withCsn(newer2).toString()).isEqualTo("rid=000,sid=002,csn=" + CSN1 + ";" + newer2);
        assertThat(cookie.withCsn(csn(CSN3)).csns().csns()).containsExactly(csn(CSN1), csn(CSN2), csn(CSN3));
        Csn older1 = Csn.of(csn(CSN1).epochMicros() - 1, 0, 1, 0);
        assertThat(cookie.withCsn(older1).csnFor(1)).contains(older1); // replaces, even with an older value
        assertThat(cookie).isEqualTo(SyncCookie.parse(LAB)); // unchanged: cookies are values
    }

    @Test
    void buildsTheCookieAProviderSends() throws SyncSyntaxException {
        SyncCookie cookie =
                SyncCookie.of(3, 0x1F, CsnVector.of(csn(CSN2), csn(CSN1))).withDelCsn(csn(CSN3));
        assertThat(cookie.toString()).isEqualTo("rid=003,sid=01f,csn=" + CSN1 + ";" + CSN2 + ",delcsn=" + CSN3);
        assertThat(cookie.withoutDelCsn().withRid(4).withSid(5).toString())
                .isEqualTo("rid=004,sid=005,csn=" + CSN1 + ";" + CSN2);
        assertThat(SyncCookie.EMPTY.toString()).isEmpty();
        assertThatThrownBy(() -> SyncCookie.EMPTY.withRid(1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyncCookie.EMPTY.withSid(0x1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncCookie(null, OptionalInt.empty(), CsnVector.EMPTY, Optional.empty()))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void coversComparesTheStatesServerByServer() throws SyncSyntaxException {
        SyncCookie lab = SyncCookie.parse(LAB);
        SyncCookie older = SyncCookie.parse("rid=000,csn=" + CSN1);
        SyncCookie newerOn2 = lab.withCsn(Csn.of(csn(CSN2).epochMicros() + 1, 0, 2, 0));
        SyncCookie with3 = lab.withCsn(csn(CSN3));
        assertThat(lab.covers(lab)).isTrue();
        assertThat(lab.covers(older))
                .as("a server the other lacks does not matter")
                .isTrue();
        assertThat(older.covers(lab)).as("a server this one lacks").isFalse();
        assertThat(newerOn2.covers(lab)).isTrue();
        assertThat(lab.covers(newerOn2)).isFalse();
        assertThat(with3.covers(newerOn2)).as("older on server 2").isFalse();
        assertThat(lab.covers(SyncCookie.EMPTY)).isTrue();
        assertThat(SyncCookie.EMPTY.covers(lab)).isFalse();
    }

    @Test
    void vectorsMergeToTheNewestOfEachServer() throws SyncSyntaxException {
        Csn newer1 = Csn.of(csn(CSN1).epochMicros() + 5, 0, 1, 0);
        CsnVector a = CsnVector.of(csn(CSN1), csn(CSN2));
        CsnVector b = CsnVector.of(newer1, csn(CSN3));
        CsnVector merged = a.merge(b);
        assertThat(merged.csns()).containsExactly(newer1, csn(CSN2), csn(CSN3));
        assertThat(merged.covers(a)).isTrue();
        assertThat(merged.covers(b)).isTrue();
        assertThat(merged.newest()).contains(csn(CSN3));
        assertThat(CsnVector.EMPTY.newest()).isEmpty();
        assertThat(merged.size()).isEqualTo(3);
        assertThat(merged.toString()).isEqualTo(newer1 + ";" + CSN2 + ";" + CSN3);
        assertThatThrownBy(() -> CsnVector.of(csn(CSN1), newer1)).hasMessageContaining("two CSNs of server ID 1");
    }

    private static String expand(String s) {
        return s.replace("CSN1", CSN1).replace("CSN2", CSN2).replace("CSN3", CSN3);
    }
}
