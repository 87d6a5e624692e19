package dev.linden.cli.doctor;

import dev.linden.protocol.LdapResult;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.Filter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.TrustAnchor;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * With -D: a bind as the given account, only over TLS that is trusted and names the server
 * (StartTLS, else LDAPS), so doctor itself never sends a password where it could be read; then what
 * only an authenticated client may read (the server's clock in cn=Monitor).
 */
final class CredentialsCheck {
    /** What the bind let doctor read: the server's time, and this machine's when it was read. */
    record Outcome(Instant serverTime, Instant localTime) {}

    private CredentialsCheck() {}

    static Outcome run(Examination x) {
        Target t = x.target;
        if (t.bindDn() == null) {
            return null;
        }
        SSLContext trusted;
        try {
            trusted = trustedContext(t);
        } catch (GeneralSecurityException | IOException e) {
            x.add(Finding.info(
                    "bind.credentials", "", "the credentials were not tried", "no trust store: " + e.getMessage()));
            return null;
        }
        LdapProbe probe = null;
        String where = null;
        try {
            if (x.plainPort >= 0 && x.chains.keySet().stream().anyMatch(TlsEndpoint::startTls)) {
                probe = LdapProbe.plain(t.host(), x.plainPort, t.timeoutMillis());
                if (!LdapProbe.isSuccess(probe.startTls())) {
                    throw new IOException("StartTLS refused");
                }
                probe.upgrade(t.serverName(), trusted, true);
                where = x.where(x.plainPort) + " (StartTLS)";
            } else if (x.tlsPort >= 0) {
                probe = LdapProbe.ldaps(t.host(), x.tlsPort, t.timeoutMillis(), trusted, t.serverName(), true);
                where = x.where(x.tlsPort) + " (LDAPS)";
            } else {
                x.add(Finding.info(
                        "bind.credentials", "", "the credentials were not sent", "there is no TLS to protect them"));
                return null;
            }
            LdapResult r = probe.bind(t.bindDn(), t.password().getBytes(StandardCharsets.UTF_8));
            if (!LdapProbe.isSuccess(r)) {
                x.add(new Finding(
                        "bind.credentials",
                        Severity.ERROR,
                        where,
                        "the bind as " + t.bindDn() + " failed",
                        AccessCheck.text(r),
                        Fixes.CREDENTIALS));
                return null;
            }
            x.add(Finding.ok("bind.credentials", where, "bound as " + t.bindDn(), "over trusted TLS"));
            var outcome = probe.search(
                    "cn=Current,cn=Time,cn=Monitor",
                    SearchScope.BASE,
                    new Filter.Present("objectClass"),
                    1,
                    "monitorTimestamp");
            Instant local = Instant.now();
            for (var e : outcome.entries()) {
                List<String> v = LdapProbe.values(e, "monitorTimestamp");
                if (!v.isEmpty()) {
                    return new Outcome(ClockCheck.parse(v.get(0)), local);
                }
            }
            return null;
        } catch (IOException e) {
            x.add(Finding.info(
                    "bind.credentials",
                    where == null ? "" : where,
                    "the credentials were not sent",
                    "no trusted TLS connection: " + e.getMessage()));
            return null;
        } finally {
            if (probe != null) {
                probe.close();
            }
        }
    }

    private static SSLContext trustedContext(Target t) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (TrustAnchor a : CertificateCheck.anchors(t.caFile())) {
            ks.setCertificateEntry("ca" + i++, a.getTrustedCert());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
