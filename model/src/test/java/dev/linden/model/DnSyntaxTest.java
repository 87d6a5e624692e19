package dev.linden.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 4514 string DNs: parsing, normalisation under the schema, escaping, keys and tree relations. */
class DnSyntaxTest {
    private static final Schema SCHEMA = Schema.standard();

    private static Dn dn(String text) throws LdapException {
        return DnSyntax.parse(text, SCHEMA);
    }

    private static String value(String text) throws LdapException {
        return dn(text).rdn().avas().get(0).value();
    }

    @Test
    void parsesRdnsLeafFirst() throws LdapException {
        Dn d = dn("uid=alice,ou=People,dc=example,dc=com");

        assertThat(d.size()).isEqualTo(4);
        assertThat(d.rdn().avas()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("uid");
            assertThat(a.value()).isEqualTo("alice");
        });
        assertThat(d.normalized()).isEqualTo("uid=alice,ou=people,dc=example,dc=com");
        assertThat(d.toString()).isEqualTo("uid=alice,ou=People,dc=example,dc=com");
    }

    @Test
    void emptyTextIsTheRootDn() throws LdapException {
        assertThat(dn("")).isEqualTo(Dn.ROOT);
        assertThat(dn("  ").isRoot()).isTrue();
        assertThat(Dn.ROOT.parent()).isNull();
        assertThat(Dn.ROOT.rdn()).isNull();
    }

    @Test
    void escapedSpecialCharacters() throws LdapException {
        assertThat(value("cn=Smith\\, John,dc=example,dc=com")).isEqualTo("Smith, John");
        assertThat(value("cn=a\\+b")).isEqualTo("a+b");
        assertThat(value("cn=\\\"quoted\\\"")).isEqualTo("\"quoted\"");
        assertThat(value("cn=back\\\\slash")).isEqualTo("back\\slash");
        assertThat(value("cn=\\3Ctag\\3E")).isEqualTo("<tag>");
        assertThat(value("cn=\\3ctag\\3e")).isEqualTo("<tag>");
        assertThat(value("cn=semi\\;colon")).isEqualTo("semi;colon");
        assertThat(value("cn=\\#hash")).isEqualTo("#hash");
        assertThat(value("cn=eq\\=ual")).isEqualTo("eq=ual");
        // the escaped comma does not split the DN
        assertThat(dn("cn=Smith\\, John,dc=example,dc=com").size()).isEqualTo(3);
    }

    @Test
    void hexPairsAreUtf8Bytes() throws LdapException {
        // RFC 4514 section 4: "Lučić"
        assertThat(value("SN=Lu\\C4\\8Di\\C4\\87")).isEqualTo("Lu\u010di\u0107");
        assertThat(dn("SN=Lu\\C4\\8Di\\C4\\87")).isEqualTo(dn("sn=lu\u010di\u0107"));
        // a four-byte character
        assertThat(value("cn=\\F0\\9F\\8C\\B3")).isEqualTo("\uD83C\uDF33");
        // unescaped UTF-8 is taken as it is
        assertThat(value("cn=Åsa")).isEqualTo("Åsa");
    }

    @Test
    void hexPairsThatAreNotUtf8AreRefused() {
        assertThatThrownBy(() -> dn("cn=\\C4"))
                .isInstanceOfSatisfying(
                        LdapException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.INVALID_DN_SYNTAX));
    }

    @Test
    void hexStringValueIsTheBerContents() throws LdapException {
        // RFC 4514's example value #04024869: an OCTET STRING holding "Hi"
        assertThat(value("cn=#04024869")).isEqualTo("Hi");
        assertThat(dn("cn=#04024869,dc=com")).isEqualTo(dn("cn=hi,dc=com"));
        assertThatThrownBy(() -> dn("cn=#0402486"))
                .isInstanceOfSatisfying(
                        LdapException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.INVALID_DN_SYNTAX));
        assertThatThrownBy(() -> dn("cn=#"))
                .isInstanceOfSatisfying(
                        LdapException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.INVALID_DN_SYNTAX));
    }

    @Test
    void quotedValuesAsInLdapV2() throws LdapException {
        assertThat(value("cn=\"Smith, John\"")).isEqualTo("Smith, John");
        assertThat(dn("cn=\"a,b\",dc=com").size()).isEqualTo(2);
    }

    @Test
    void multiValuedRdnsEqualInAnyOrder() throws LdapException {
        Dn one = dn("cn=Alice+uid=alice,dc=example,dc=com");
        Dn two = dn("uid=ALICE+CN=alice,dc=example,dc=com");

        assertThat(one).isEqualTo(two);
        assertThat(one.hashCode()).isEqualTo(two.hashCode());
        assertThat(one.key()).isEqualTo(two.key());
        assertThat(one.rdn().avas()).hasSize(2);
        assertThat(one.rdn().hasAva("uid", "alice")).isTrue();
        assertThat(one.rdn().hasAva("cn", "alice")).isTrue();
        // values as written; types by their schema name and in that order, as slapd shows them
        assertThat(two.toString()).isEqualTo("cn=alice+uid=ALICE,dc=example,dc=com");
    }

    @Test
    void duplicateAvaInRdnIsRefused() {
        assertThatThrownBy(() -> dn("cn=a+CN=A,dc=com"))
                .isInstanceOfSatisfying(
                        LdapException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.INVALID_DN_SYNTAX));
    }

    @Test
    void spacesAroundSeparatorsAreInsignificant() throws LdapException {
        Dn spaced = dn("  cn = Alice Andersen ,  ou = People ; dc=example , dc = com  ");

        assertThat(spaced).isEqualTo(dn("cn=Alice Andersen,ou=People,dc=example,dc=com"));
        assertThat(spaced.rdn().avas().get(0).value()).isEqualTo("Alice Andersen");
        assertThat(dn("cn=a + sn=b,dc=com")).isEqualTo(dn("sn=b+cn=a,dc=com"));
    }

    @Test
    void unescapedValuesAreReadAsTheFullReadingReadsThem() throws LdapException {
        // read without copying character by character, unless an escape or a surrogate pair needs it
        assertThat(value("cn=trail  ,dc=com")).isEqualTo("trail");
        assertThat(value("cn=in  side")).isEqualTo("in  side");
        assertThat(value("cn=Zo\u00eb")).isEqualTo("Zo\u00eb");
        assertThat(value("cn=smile \ud83d\ude00 ,dc=com")).isEqualTo("smile \ud83d\ude00");
        assertThat(value("cn=a=b<c>")).isEqualTo("a=b<c>");
        assertThat(value("cn=a\\,b \ud83d\ude00")).isEqualTo("a,b \ud83d\ude00");
        assertThat(dn("cn=x").rdn().normalized()).isEqualTo("cn=x");
        assertThat(dn("CN=X\00Y").rdn().normalized()).isEqualTo("cn=x\\00y");
    }

    @Test
    void dnValuedAvasNestedDeepAreRefusedInBoundedMemory() throws LdapException {
        // each level escapes the normalised DN below it again: its backslashes double level by level
        assertThat(value("creatorsName=cn=a")).isEqualTo("cn=a");
        for (String nested : List.of("creatorsName = ".repeat(100) + "cn=x", "creatorsName=".repeat(5000) + "cn=x")) {
            assertThatThrownBy(() -> dn(nested))
                    .isInstanceOfSatisfying(
                            LdapException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.INVALID_DN_SYNTAX));
        }
        assertThat(dn("creatorsName=".repeat(3) + "cn=x").rdn().avas().get(0).value())
                .as("a few levels are read")
                .isEqualTo("creatorsName=creatorsName=cn=x");
    }

    @Test
    void escapedSpacesAtTheEndsAreKept() throws LdapException {
        assertThat(value("cn=\\ lead")).isEqualTo(" lead");
        assertThat(value("cn=trail\\ ")).isEqualTo("trail ");
        assertThat(value("cn=trail\\  ")).isEqualTo("trail ");
        assertThat(value("cn=\\20lead")).isEqualTo(" lead");
    }

    @Test
    void caseIgnoreTypesAndValuesCompareWithoutCase() throws LdapException {
        assertThat(dn("CN=Alice,OU=People,DC=Example,DC=COM")).isEqualTo(dn("cn=alice,ou=people,dc=example,dc=com"));
        // insignificant inner spaces fold too
        assertThat(dn("cn=Alice   Andersen,dc=com")).isEqualTo(dn("cn=alice andersen,dc=com"));
        // long names and short names are the same type
        assertThat(dn("commonName=x,domainComponent=com")).isEqualTo(dn("cn=x,dc=com"));
    }

    @Test
    void caseExactValuesKeepTheirCase() throws LdapException {
        // homeDirectory uses caseExactIA5Match
        assertThat(dn("homeDirectory=/home/Alice,dc=com")).isNotEqualTo(dn("homeDirectory=/home/alice,dc=com"));
        assertThat(dn("HOMEDIRECTORY=/home/Alice,dc=com")).isEqualTo(dn("homedirectory=/home/Alice,dc=com"));
        // labeledURI uses caseExactMatch
        assertThat(dn("labeledURI=http://X,dc=com")).isNotEqualTo(dn("labeledURI=http://x,dc=com"));
    }

    @Test
    void numericOidTypesEqualTheirNames() throws LdapException {
        assertThat(dn("2.5.4.3=x,dc=com")).isEqualTo(dn("cn=x,dc=com"));
        assertThat(dn("OID.2.5.4.3=X,0.9.2342.19200300.100.1.25=com")).isEqualTo(dn("cn=x,dc=com"));
        assertThat(dn("2.5.4.3=x").rdn().avas().get(0).normType()).isEqualTo("cn");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "cn",
                "=x",
                "cn=x,",
                "cn=\\",
                "foo=bar",
                "cn=x,foo=bar",
                "cn=x,,dc=com",
                "cn=\\zz",
                "cn=\\4",
                "cn=x,=y",
                "cn=\"unterminated",
                "c n=x",
                "cn=x+",
                ",cn=x"
            })
    void invalidDnsAreRefused(String text) {
        assertThatThrownBy(() -> dn(text))
                .isInstanceOfSatisfying(
                        LdapException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.INVALID_DN_SYNTAX));
    }

    @Test
    void valuesTheirAttributeRefusesAreInvalidDns() {
        // uidNumber is an integer
        assertThatThrownBy(() -> dn("uidNumber=abc,dc=com"))
                .isInstanceOfSatisfying(
                        LdapException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.INVALID_DN_SYNTAX));
    }

    @Test
    void parseRdnTakesExactlyOneRdn() throws LdapException {
        Rdn rdn = DnSyntax.parseRdn("uid=bob+cn=Bob", SCHEMA);
        assertThat(rdn.normalized()).isEqualTo("cn=bob+uid=bob");
        assertThatThrownBy(() -> DnSyntax.parseRdn("uid=bob,dc=com", SCHEMA))
                .isInstanceOfSatisfying(
                        LdapException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.INVALID_DN_SYNTAX));
    }

    @Test
    void toStringEscapesAndReparsesToAnEqualDn() throws LdapException {
        List<String> values = List.of(
                "Smith, John",
                "a+b",
                "\"q\"",
                "back\\slash",
                "<x>",
                "semi;colon",
                "#lead",
                " lead",
                "trail ",
                "in#side",
                "Lu\u010di\u0107",
                "nul\0byte",
                "eq=ual",
                " ");
        for (String v : values) {
            Dn built = new Dn(List.of(DnSyntax.makeRdn(List.of(DnSyntax.ava("cn", v, SCHEMA)))));
            String text = built.toString();
            Dn reparsed = dn(text);
            assertThat(reparsed).as(text).isEqualTo(built);
            assertThat(reparsed.rdn().avas().get(0).value()).as(text).isEqualTo(v);
        }
        Dn d = dn("cn=Smith\\, John+uid=js,ou=\\#1\\ ,dc=example,dc=com");
        assertThat(d.toString()).isEqualTo("cn=Smith\\2C John+uid=js,ou=\\231\\20,dc=example,dc=com");
        assertThat(dn(d.toString())).isEqualTo(d);
    }

    @Test
    void shownAsSlapdShowsItWhateverTheSpelling() throws LdapException {
        // the forms slapd 2.6 returned for these DNs added with ldapadd (see DnSpellingIT)
        assertThat(dn("CN=Comma\\, Here + sn=Multi,OU=People , DC=Example,dc=com")
                        .toString())
                .isEqualTo("cn=Comma\\2C Here+sn=Multi,ou=People,dc=Example,dc=com");
        assertThat(dn("cn=\\\"quoted\\\" \\<lt\\> \\;semi \\5C back").toString())
                .isEqualTo("cn=\\22quoted\\22 \\3Clt\\3E \\3Bsemi \\5C back");
        assertThat(dn("cn=a\\=b").toString()).isEqualTo("cn=a\\3Db");
        assertThat(dn("cn==lead").toString()).isEqualTo("cn=\\3Dlead");
        assertThat(dn("cn=plus\\+sign").toString()).isEqualTo("cn=plus\\2Bsign");
        assertThat(dn("cn=\\#hash\\20").toString()).isEqualTo("cn=\\23hash\\20");
        assertThat(dn("cn=\\ lead and trail\\ ").toString()).isEqualTo("cn=\\20lead and trail\\20");
        assertThat(dn("cn=\\09tab").toString()).isEqualTo("cn=\\09tab");
        assertThat(dn("cn=nul\\00x").toString()).isEqualTo("cn=nul\\00x");
        assertThat(dn("cn=Sp Ace  ").toString()).isEqualTo("cn=Sp Ace");
        assertThat(dn("cn=J\\C3\\BCrgen").toString()).isEqualTo("cn=J\u00fcrgen");
        assertThat(dn("cn=\"ldapv2 quoted, x\"").toString()).isEqualTo("cn=ldapv2 quoted\\2C x");
        assertThat(dn("cn=paren(*)'/ok").toString()).isEqualTo("cn=paren(*)'/ok");
        assertThat(dn("uid=Sam+cn=Zed+sn=Abc").toString()).isEqualTo("cn=Zed+sn=Abc+uid=Sam");
        for (String type : List.of("CN", "commonName", "2.5.4.3", "OID.2.5.4.3")) {
            assertThat(dn(type + "=x,DC=com").toString()).as(type).isEqualTo("cn=x,dc=com");
        }
        // the one departure: '#' inside a value is escaped too, which Python's ldap3 insists on
        assertThat(dn("cn=in#side").toString()).isEqualTo("cn=in\\23side");
    }

    @Test
    void normalizedFormEscapesToo() throws LdapException {
        assertThat(dn("cn=Smith\\, John,dc=com").normalized()).isEqualTo("cn=smith\\, john,dc=com");
        assertThat(dn("cn=Smith\\, John,dc=com")).isNotEqualTo(dn("cn=Smith,cn=John,dc=com"));
    }

    @Test
    void keyPutsASubtreeInOnePrefixRange() throws LdapException {
        Dn base = dn("ou=a,dc=example,dc=com");
        List<Dn> inside = List.of(
                base,
                dn("uid=x,ou=a,dc=example,dc=com"),
                dn("uid=y,ou=a,dc=example,dc=com"),
                dn("cn=z,uid=x,ou=a,dc=example,dc=com"),
                dn("cn=Smith\\, J,ou=a,dc=example,dc=com"));
        List<Dn> outside = List.of(
                dn("dc=example,dc=com"),
                dn("ou=ab,dc=example,dc=com"),
                dn("uid=x,ou=ab,dc=example,dc=com"),
                dn("ou=a\\,b,dc=example,dc=com"),
                dn("ou=\\ ,dc=example,dc=com"),
                dn("ou=A+cn=x,dc=example,dc=com"),
                dn("ou=0,dc=example,dc=com"),
                dn("ou=b,dc=example,dc=com"),
                dn("dc=com"),
                dn("uid=x,ou=a,dc=example,dc=org"));
        List<byte[]> keys = new ArrayList<>();
        inside.forEach(d -> keys.add(d.key()));
        outside.forEach(d -> keys.add(d.key()));
        keys.sort(Arrays::compareUnsigned);

        byte[] baseKey = base.key();
        byte[] prefix = Arrays.copyOf(baseKey, baseKey.length + 1); // the base key and a zero byte
        int first = -1;
        int last = -1;
        for (int i = 0; i < keys.size(); i++) {
            if (startsWith(keys.get(i), prefix)) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        // the base sorts first, then its whole subtree, contiguous, then nothing else of it
        assertThat(last - first + 1).isEqualTo(inside.size() - 1);
        assertThat(keys.get(first - 1)).isEqualTo(baseKey);
        for (Dn d : outside) {
            assertThat(startsWith(d.key(), prefix)).as(d.toString()).isFalse();
        }
        assertThat(new String(dn("uid=x,ou=a,dc=com").key(), UTF_8)).isEqualTo("dc=com\0ou=a\0uid=x");
        assertThat(Dn.ROOT.key()).isEmpty();
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Test
    void isWithin() throws LdapException {
        Dn base = dn("ou=People,dc=example,dc=com");

        assertThat(dn("uid=a,ou=people,dc=example,dc=com").isWithin(base)).isTrue();
        assertThat(dn("cn=x,uid=a,ou=people,dc=example,dc=com").isWithin(base)).isTrue();
        assertThat(base.isWithin(base)).isTrue();
        assertThat(base.isWithin(Dn.ROOT)).isTrue();
        assertThat(dn("dc=example,dc=com").isWithin(base)).isFalse();
        assertThat(dn("uid=a,ou=groups,dc=example,dc=com").isWithin(base)).isFalse();
        assertThat(dn("uid=a,ou=people,dc=example,dc=org").isWithin(base)).isFalse();
        assertThat(dn("ou=people,dc=example,dc=com,dc=extra").isWithin(base)).isFalse();
    }

    @Test
    void parentAndChild() throws LdapException {
        Dn d = dn("uid=a,ou=People,dc=example,dc=com");

        assertThat(d.parent()).isEqualTo(dn("ou=people,dc=example,dc=com"));
        assertThat(d.parent().toString()).isEqualTo("ou=People,dc=example,dc=com");
        assertThat(dn("dc=com").parent()).isEqualTo(Dn.ROOT);
        assertThat(d.parent().child(d.rdn())).isEqualTo(d);
    }

    @Test
    void rebaseMovesASuffix() throws LdapException {
        Dn d = dn("cn=x,uid=a,ou=People,dc=example,dc=com");
        Dn moved = d.rebase(dn("ou=people,dc=example,dc=com"), dn("ou=Staff,o=Other"));

        assertThat(moved).isEqualTo(dn("cn=x,uid=a,ou=staff,o=other"));
        assertThat(moved.toString()).isEqualTo("cn=x,uid=a,ou=Staff,o=Other");
        assertThat(d.rebase(d, dn("cn=y,dc=com"))).isEqualTo(dn("cn=y,dc=com"));
    }
}
