package dev.linden.observability.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.model.schema.Schema;
import dev.linden.model.schema.SecretAttributes;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.filter.FilterText;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactedFilterTest {
    private static final SecretAttributes SECRETS = Schema.standard().secrets();

    private static String f(String filter) throws Exception {
        return RedactedFilter.format(FilterText.parse(filter), SECRETS);
    }

    @Test
    void secretValuesNeverAppear() throws Exception {
        assertThat(f("(userPassword=hunter2)")).isEqualTo("(userPassword=<redacted>)");
        assertThat(f("(&(uid=bob)(|(userpassword;binary=x1)(2.5.4.35=x2)(authPassword>=x3)(pwdHistory=*x4*)))"))
                .isEqualTo(
                        "(&(uid=bob)(|(userpassword;binary=<redacted>)(2.5.4.35=<redacted>)(authPassword>=<redacted>)"
                                + "(pwdHistory=<redacted>)))");
        assertThat(f("(userPassword=*)")).isEqualTo("(userPassword=*)");
        assertThat(f("(userPassword:caseExactMatch:=s3)")).isEqualTo("(userPassword:caseExactMatch:=<redacted>)");
        assertThat(f("(:dn:caseIgnoreMatch:=s4)")).isEqualTo("(:dn:caseIgnoreMatch:=<redacted>)");
    }

    @Test
    void otherValuesAreEscapedAsRfc4515Says() throws Exception {
        assertThat(f("(cn=a\\2ab\\28c\\29\\5c)")).isEqualTo("(cn=a\\2ab\\28c\\29\\5c)");
        assertThat(f("(cn=Ab*c*d)")).isEqualTo("(cn=Ab*c*d)");
        assertThat(f("(!(sn~=smith))")).isEqualTo("(!(sn~=smith))");
        assertThat(RedactedFilter.format(new Filter.Equality("cn", new byte[] {(byte) 0xff, 0x41}), SECRETS))
                .isEqualTo("(cn=\\ff\\41)");
        assertThat(f("(cn=Jürgen)")).isEqualTo("(cn=Jürgen)");
        assertThat(RedactedFilter.format(new Filter.And(List.of()), SECRETS)).isEqualTo("(&)");
    }

    @Test
    void textEscapesEverythingThatCouldForgeALine() {
        StringBuilder sb = new StringBuilder();
        Text.quoted(sb, "a\"b\\c\nd\u0000");
        assertThat(sb).hasToString("\"a\\\"b\\\\c\\x0ad\\x00\"");
        StringBuilder json = new StringBuilder();
        Text.json(json, "a\"b\\c\nd\u0001\u2028");
        assertThat(json).hasToString("\"a\\\"b\\\\c\\nd\\u0001\\u2028\"");
        StringBuilder seconds = new StringBuilder();
        Text.seconds(seconds, 1_234_567_890L);
        assertThat(seconds).hasToString("1.234567");
    }
}
