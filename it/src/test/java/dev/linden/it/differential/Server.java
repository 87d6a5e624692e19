package dev.linden.it.differential;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * One side of a comparison: a server, a connection bound as its administrator, how results are
 * rendered, and the base a case works under (the suffix, or a write case's own subtree).
 */
public record Server(String name, int port, LDAPConnection admin, Rendering rendering, String base) {

    public Server under(String newBase) {
        return new Server(name, port, admin, rendering, newBase);
    }

    /** A DN relative to the case's base: {@code dn("uid=p1")}; {@code dn("")} is the base itself. */
    public String dn(String rdns) {
        return rdns.isEmpty() ? base : rdns + "," + base;
    }

    /** A new anonymous connection, for binds and extended operations that change the identity. */
    public LDAPConnection connect() throws LDAPException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setBindWithDNRequiresPassword(false); // let the server judge a DN with an empty password
        return new LDAPConnection(options, "127.0.0.1", port);
    }
}
