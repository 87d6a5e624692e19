package dev.linden.it.differential;

import static dev.linden.it.differential.Case.read;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import java.util.List;

/**
 * Simple binds on fresh connections. Not compared: an anonymous search after the bind, which slapd
 * allows by default and Linden refuses unless anonymousRead is configured (a deliberate default).
 */
public final class BindCases {
    static final String ADMIN = "cn=admin,dc=example,dc=com";

    private BindCases() {}

    static Case.Action bind(String dn, String password) {
        return (s, o) -> {
            try (LDAPConnection c = s.connect()) {
                o.result("bind", Ops.call(() -> c.bind(new SimpleBindRequest(dn, password))));
            }
        };
    }

    public static List<Case> all() {
        return List.of(
                read("bind as the administrator", bind(ADMIN, "admin-secret")),
                read(
                        "bind as the administrator, DN in other case",
                        bind("CN=Admin, DC=Example,DC=com", "admin-secret")),
                read("bind as a user", bind(SearchCases.ALICE, "alice-password")),
                read(
                        "bind as a user, DN in other case",
                        bind("UID=ALICE,OU=people,dc=EXAMPLE,dc=com", "alice-password")),
                read("bind with a wrong password", bind(SearchCases.ALICE, "wrong")),
                read("bind with the administrator's wrong password", bind(ADMIN, "wrong")),
                read("bind as a missing user", bind("uid=nobody,ou=people,dc=example,dc=com", "x")),
                read("bind below a missing entry", bind("uid=nobody,ou=nowhere,dc=example,dc=com", "x")),
                read("bind outside any naming context", bind("cn=x,dc=other,dc=org", "x")),
                read("bind as an entry with no password", bind("cn=developers,ou=groups,dc=example,dc=com", "x")),
                read("bind with a DN and an empty password", bind(SearchCases.ALICE, "")),
                read("bind anonymously", bind("", "")),
                read("bind with an invalid DN", bind("not a dn", "x")));
    }
}
