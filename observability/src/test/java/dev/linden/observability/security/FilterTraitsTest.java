package dev.linden.observability.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.model.schema.Schema;
import dev.linden.model.schema.SecretAttributes;
import dev.linden.protocol.filter.FilterText;
import org.junit.jupiter.api.Test;

class FilterTraitsTest {
    private static boolean broad(String filter) throws Exception {
        return FilterTraits.broad(FilterText.parse(filter));
    }

    @Test
    void broadFiltersSelectAlmostAnything() throws Exception {
        for (String f : new String[] {
            "(objectClass=*)",
            "(objectClass=person)",
            "(cn=*)",
            "(uid=a*)",
            "(!(uid=x))",
            "(&(objectClass=person)(mail=*))",
            "(|(uid=bob)(cn=*))",
            "(uidNumber>=0)",
            "(&)"
        }) {
            assertThat(broad(f)).as(f).isTrue();
        }
        for (String f : new String[] {
            "(uid=bob)",
            "(cn=Bob*)",
            "(&(objectClass=person)(uid=bob))",
            "(|(uid=a)(uid=b))",
            "(mail=*@example.com)",
            "(sn~=smith)"
        }) {
            assertThat(broad(f)).as(f).isFalse();
        }
    }

    @Test
    void secretProbesAreFoundAnywhereInTheFilter() throws Exception {
        SecretAttributes secrets = Schema.standard().secrets();
        assertThat(FilterTraits.probedSecret(FilterText.parse("(&(uid=x)(!(userPassword=*)))"), secrets))
                .isEqualTo("userPassword");
        assertThat(FilterTraits.probedSecret(FilterText.parse("(authPassword=x)"), secrets))
                .isEqualTo("authPassword");
        assertThat(FilterTraits.probedSecret(FilterText.parse("(&(uid=x)(cn=y))"), secrets))
                .isNull();
        assertThat(secrets.isSecret(" USERPASSWORD;binary ")).isTrue();
        assertThat(secrets.isSecret("OID.2.5.4.35")).isTrue();
        assertThat(secrets.isSecret("userPasswords")).isFalse();
        assertThat(secrets.isSecret(null)).isFalse();
    }
}
