package dev.linden.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.model.schema.Schema;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.FilterText;
import org.junit.jupiter.api.Test;

class LdapUrlTest {
    private static final Schema SCHEMA = Schema.standard();

    @Test
    void partsAndDefaults() throws Exception {
        LdapUrl url = LdapUrl.parse("ldap:///ou=people,dc=example,dc=com??sub?(title=*Engineer*)", SCHEMA);
        assertThat(url.base()).isEqualTo(DnSyntax.parse("ou=people,dc=example,dc=com", SCHEMA));
        assertThat(url.scope()).isEqualTo(SearchScope.SUB);
        assertThat(FilterText.format(url.filter())).isEqualTo("(title=*Engineer*)");
        LdapUrl bare = LdapUrl.parse("LDAP://host.example.com/dc=example,dc=com", SCHEMA);
        assertThat(bare.scope()).as("RFC 4516: base by default").isEqualTo(SearchScope.BASE);
        assertThat(FilterText.format(bare.filter())).isEqualTo("(objectClass=*)");
        LdapUrl escaped = LdapUrl.parse("ldap:///ou=a%20b,dc=example,dc=com??one?(cn=x%5C29y)", SCHEMA);
        assertThat(escaped.base().toString()).isEqualTo("ou=a b,dc=example,dc=com");
        assertThat(FilterText.format(escaped.filter())).isEqualTo("(cn=x\\29y)");
    }

    @Test
    void scopes() throws Exception {
        Dn base = DnSyntax.parse("ou=p,dc=x", SCHEMA);
        Dn child = DnSyntax.parse("uid=a,ou=p,dc=x", SCHEMA);
        Dn grandchild = DnSyntax.parse("cn=b,uid=a,ou=p,dc=x", SCHEMA);
        assertThat(new LdapUrl(base, SearchScope.BASE, null).inScope(base)).isTrue();
        assertThat(new LdapUrl(base, SearchScope.BASE, null).inScope(child)).isFalse();
        assertThat(new LdapUrl(base, SearchScope.ONE, null).inScope(child)).isTrue();
        assertThat(new LdapUrl(base, SearchScope.ONE, null).inScope(grandchild)).isFalse();
        assertThat(new LdapUrl(base, SearchScope.SUB, null).inScope(grandchild)).isTrue();
        assertThat(new LdapUrl(base, SearchScope.SUBORDINATES, null).inScope(base))
                .isFalse();
    }

    @Test
    void badUrlsAreRefused() {
        assertThatThrownBy(() -> LdapUrl.parse("http://x/dc=x", SCHEMA)).hasMessageContaining("ldap://");
        assertThatThrownBy(() -> LdapUrl.parse("ldap:///dc=x??wide", SCHEMA)).hasMessageContaining("scope");
        assertThatThrownBy(() -> LdapUrl.parse("ldap:///dc=x??sub?(cn=", SCHEMA))
                .isInstanceOf(LdapException.class);
        assertThatThrownBy(() -> LdapUrl.parse("ldap:///dc=x%2", SCHEMA)).hasMessageContaining("escape");
    }
}
