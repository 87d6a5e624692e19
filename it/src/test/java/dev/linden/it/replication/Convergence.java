package dev.linden.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** Waiting for two servers to hold the same entries (by entryUUID) at the same entryCSNs, cheaply for big trees. */
final class Convergence {
    private Convergence() {}

    /** entryUUID → "DN entryCSN" of every entry under the base; no two entries may share an entryUUID. */
    static TreeMap<String, String> state(LDAPConnection c, String base) throws Exception {
        TreeMap<String, String> out = new TreeMap<>();
        SearchRequest r = new SearchRequest(base, SearchScope.SUB, "(objectClass=*)", "entryUUID", "entryCSN");
        r.setSizeLimit(0);
        try {
            for (SearchResultEntry e : c.search(r).getSearchEntries()) {
                String previous = out.put(
                        e.getAttributeValue("entryUUID"),
                        e.getDN().toLowerCase() + " " + e.getAttributeValue("entryCSN"));
                assertThat(previous)
                        .as("two entries with the entryUUID of " + e.getDN())
                        .isNull();
            }
        } catch (LDAPSearchException e) {
            if (e.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
                throw e;
            }
        }
        return out;
    }

    /** Waits up to {@code seconds} until the replica's state equals the provider's. */
    static void await(Callable<LDAPConnection> provider, Callable<LDAPConnection> replica, String base, int seconds)
            throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        TreeMap<String, String> p = null;
        TreeMap<String, String> r = null;
        while (System.currentTimeMillis() < deadline) {
            try (LDAPConnection pc = provider.call();
                    LDAPConnection rc = replica.call()) {
                p = state(pc, base);
                r = state(rc, base);
                if (p.equals(r)) {
                    return;
                }
            } catch (com.unboundid.ldap.sdk.LDAPException e) {
                // a server restarting: try again
            }
            Thread.sleep(250);
        }
        assertThat(r).as("the replica's entries and CSNs").isEqualTo(p);
    }

    /** The number of entries under a base (0 when it does not exist yet). */
    static int count(LDAPConnection c, String base) throws Exception {
        return state(c, base).size();
    }
}
