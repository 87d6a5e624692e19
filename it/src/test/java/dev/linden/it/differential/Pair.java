package dev.linden.it.differential;

import com.unboundid.ldap.sdk.LDAPConnection;
import dev.linden.it.slapd.Slapd;
import dev.linden.testkit.TestServer;

/**
 * A slapd and a Linden of their own with the shared sample data, configured alike, for a differential
 * test that needs a configuration the main suite's servers do not have (a default referral), or a
 * slapd kept apart from the main suite's (its transactions are fragile: see {@link TransactionCases}).
 */
public final class Pair implements AutoCloseable {
    private final Slapd slapd;
    private final TestServer linden;
    private final LDAPConnection slapdAdmin;
    private final LDAPConnection lindenAdmin;
    private final Runner runner;

    private Pair(Slapd slapd, TestServer linden) throws Exception {
        this.slapd = slapd;
        this.linden = linden;
        this.slapdAdmin = new LDAPConnection("127.0.0.1", slapd.port(), Slapd.ADMIN_DN, Slapd.ADMIN_PASSWORD);
        this.lindenAdmin =
                new LDAPConnection("127.0.0.1", linden.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
        Rendering rendering = new Rendering(slapdAdmin.getSchema(), lindenAdmin.getSchema());
        this.runner = new Runner(
                new Server("slapd", slapd.port(), slapdAdmin, rendering, Slapd.SUFFIX),
                new Server("linden", linden.port(), lindenAdmin, rendering, TestServer.SUFFIX));
    }

    /** slapd with {@code slapdGlobal} configuration lines, Linden with {@code lindenYaml}; both with sample.ldif. */
    public static Pair start(String slapdGlobal, String lindenYaml) throws Exception {
        Slapd slapd = Slapd.start(slapdGlobal, "").loadResource(TestServer.class, "sample.ldif");
        try {
            return new Pair(slapd, TestServer.memory(lindenYaml).loadResource("sample.ldif"));
        } catch (Exception | Error e) {
            slapd.close();
            throw e;
        }
    }

    public Runner runner() {
        return runner;
    }

    public LDAPConnection slapdAdmin() {
        return slapdAdmin;
    }

    public LDAPConnection lindenAdmin() {
        return lindenAdmin;
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {lindenAdmin, slapdAdmin, linden, slapd}) {
            try {
                c.close();
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }
}
