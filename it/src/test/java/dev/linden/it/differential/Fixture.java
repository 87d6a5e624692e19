package dev.linden.it.differential;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.util.Comparator;
import java.util.List;

/**
 * The subtree each write case starts from: under the case's base, a POSIX person {@code uid=p1}, a
 * branch {@code ou=sub} with two children, and an empty branch {@code ou=target}.
 */
final class Fixture {
    private static final String LDIF = """
            dn: {base}
            objectClass: organizationalUnit
            ou: {ou}

            dn: uid=p1,{base}
            objectClass: inetOrgPerson
            objectClass: posixAccount
            uid: p1
            cn: Pat One
            sn: One
            mail: p1@example.com
            telephoneNumber: +1 555 0199
            uidNumber: 3001
            gidNumber: 3000
            homeDirectory: /home/p1
            userPassword: p1-password

            dn: ou=sub,{base}
            objectClass: organizationalUnit
            ou: sub

            dn: uid=c1,ou=sub,{base}
            objectClass: inetOrgPerson
            uid: c1
            cn: Child One
            sn: One

            dn: uid=c2,ou=sub,{base}
            objectClass: inetOrgPerson
            uid: c2
            cn: Child Two
            sn: Two

            dn: ou=target,{base}
            objectClass: organizationalUnit
            ou: target
            """;

    private Fixture() {}

    static void create(Server s, String ou) throws LDAPException, LDIFException {
        String ldif = LDIF.replace("{base}", s.base()).replace("{ou}", ou);
        for (String record : ldif.split("\n\n")) {
            Entry e = LDIFReader.decodeEntry(record.split("\n"));
            s.admin().add(e);
        }
    }

    /** The subtree as it stands: every entry with its user attributes (referral objects as entries too). */
    static Object snapshot(Server s) throws LDAPException {
        var result = Ops.search(s.admin(), managing(new SearchRequest(s.base(), SearchScope.SUB, "(objectClass=*)")));
        return s.rendering().entries(result.getSearchEntries());
    }

    /** Deletes the subtree, leaves first (referral objects and aliases as ordinary entries). */
    static void remove(Server s) throws LDAPException {
        List<SearchResultEntry> entries = Ops.search(
                        s.admin(), managing(new SearchRequest(s.base(), SearchScope.SUB, "(objectClass=*)", "1.1")))
                .getSearchEntries();
        List<DN> dns = entries.stream()
                .map(e -> {
                    try {
                        return e.getParsedDN();
                    } catch (LDAPException ex) {
                        throw new IllegalStateException(ex);
                    }
                })
                .sorted(Comparator.comparingInt((DN d) -> d.getRDNs().length).reversed())
                .toList();
        for (DN dn : dns) {
            s.admin().delete(managing(new com.unboundid.ldap.sdk.DeleteRequest(dn.toString())));
        }
    }

    private static <T extends com.unboundid.ldap.sdk.LDAPRequest> T managing(T request) {
        if (request instanceof SearchRequest r) {
            r.addControl(new com.unboundid.ldap.sdk.controls.ManageDsaITRequestControl(true));
        } else if (request instanceof com.unboundid.ldap.sdk.UpdatableLDAPRequest r) {
            r.addControl(new com.unboundid.ldap.sdk.controls.ManageDsaITRequestControl(true));
        }
        return request;
    }
}
