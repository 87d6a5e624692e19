package dev.linden.cli.doctor;

import dev.linden.protocol.LdapResult;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.op.SearchResultEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a client without credentials can do: read entries, bind with a DN and an empty password
 * (an "unauthenticated bind", RFC 4513 5.1.2, which careless applications take for a login), and
 * send a simple bind in clear. The binds use a made-up name under the naming context and a random
 * password: never a real account, never a guessed password, so no lockout and no log noise that
 * looks like an attack on anyone.
 */
final class AccessCheck {
    /** Attributes that must never reach an anonymous client. */
    static final Set<String> SECRETS = Set.of(
            "userpassword",
            "unicodepwd",
            "sambantpassword",
            "sambalmpassword",
            "ntpassword",
            "authpassword",
            "krbprincipalkey",
            "pwdhistory",
            "userpkcs12",
            "msds-managedpassword");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SAMPLE = 5;

    private AccessCheck() {}

    /** A name that is nobody's: cn=linden-doctor-probe-<random>,<naming context>. */
    static String throwawayDn(List<String> namingContexts) {
        String base = namingContexts.isEmpty() ? "" : "," + namingContexts.get(0);
        return "cn=linden-doctor-probe-" + HexFormat.of().formatHex(random(6)) + base;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static LdapProbe connect(Examination x) throws IOException {
        Target t = x.target;
        return x.plainPort >= 0
                ? LdapProbe.plain(t.host(), x.plainPort, t.timeoutMillis())
                : LdapProbe.ldaps(t.host(), x.tlsPort, t.timeoutMillis(), TrustAll.context(), t.serverName(), false);
    }

    private static String where(Examination x) {
        return x.plainPort >= 0 ? x.where(x.plainPort) : x.where(x.tlsPort) + " (LDAPS)";
    }

    static void run(Examination x) {
        if (x.plainPort < 0 && x.tlsPort < 0) {
            return;
        }
        anonymousRead(x);
        unauthenticatedBind(x);
        cleartextBind(x);
        sasl(x);
    }

    private static void anonymousRead(Examination x) {
        List<String> readable = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        try (LdapProbe probe = connect(x)) {
            for (String nc : x.namingContexts) {
                var outcome = probe.search(nc, SearchScope.SUB, new Filter.Present("objectClass"), SAMPLE, "*");
                if (!outcome.entries().isEmpty()) {
                    boolean more =
                            outcome.result() != null && outcome.result().code() == ResultCode.SIZE_LIMIT_EXCEEDED;
                    readable.add(nc + ": " + outcome.entries().size() + (more ? " or more" : "") + " entries");
                }
                for (SearchResultEntry e : outcome.entries()) {
                    for (PartialAttribute a : e.attributes()) {
                        if (SECRETS.contains(a.type().toLowerCase(Locale.ROOT))
                                && !a.values().isEmpty()) {
                            secrets.add(a.type() + " of " + e.dn());
                        }
                    }
                }
            }
        } catch (IOException e) {
            x.add(Finding.info("anonymous.read", where(x), "anonymous search could not be tried", e.getMessage()));
            return;
        }
        if (!secrets.isEmpty()) {
            x.add(new Finding(
                    "anonymous.read",
                    Severity.ERROR,
                    where(x),
                    "anonymous clients read password attributes",
                    String.join("; ", secrets),
                    Fixes.ANONYMOUS_SECRETS));
        }
        if (!readable.isEmpty()) {
            x.add(new Finding(
                    "anonymous.read",
                    Severity.WARN,
                    where(x),
                    "anonymous clients read the directory",
                    String.join("; ", readable),
                    Fixes.ANONYMOUS_READ));
        } else {
            x.add(Finding.ok(
                    "anonymous.read",
                    where(x),
                    "anonymous clients read no entries",
                    x.namingContexts.isEmpty() ? "no naming context to search" : "searched " + x.namingContexts));
        }
    }

    private static void unauthenticatedBind(Examination x) {
        String dn = throwawayDn(x.namingContexts);
        LdapResult r;
        try (LdapProbe probe = connect(x)) {
            r = probe.bind(dn, new byte[0]);
        } catch (IOException e) {
            x.add(Finding.info("bind.unauthenticated", where(x), "could not be tried", e.getMessage()));
            return;
        }
        if (LdapProbe.isSuccess(r)) {
            x.add(new Finding(
                    "bind.unauthenticated",
                    Severity.WARN,
                    where(x),
                    "a DN with an empty password binds",
                    "bind as " + dn + " with no password succeeded (as anonymous); an application that checks logins "
                            + "with a bind lets in anyone who leaves the password empty",
                    Fixes.UNAUTHENTICATED_BIND));
        } else {
            x.add(Finding.ok("bind.unauthenticated", where(x), "a DN with an empty password is refused", text(r)));
        }
    }

    private static void cleartextBind(Examination x) {
        if (x.plainPort < 0) {
            x.add(Finding.ok("bind.cleartext", "", "no plain LDAP port: every bind is protected", null));
            return;
        }
        String dn = throwawayDn(x.namingContexts);
        byte[] password = HexFormat.of().formatHex(random(12)).getBytes(StandardCharsets.US_ASCII);
        LdapResult r;
        try (LdapProbe probe = connect(x)) {
            r = probe.bind(dn, password);
        } catch (IOException e) {
            x.add(Finding.info("bind.cleartext", where(x), "could not be tried", e.getMessage()));
            return;
        }
        switch (r.code()) {
            case INVALID_CREDENTIALS ->
                x.add(new Finding(
                        "bind.cleartext",
                        Severity.WARN,
                        where(x),
                        "simple binds are accepted without TLS",
                        "a bind in clear as a made-up DN with a random password "
                                + "was checked (invalidCredentials): real passwords would cross the network readable",
                        Fixes.CLEARTEXT_BIND));
            case SUCCESS ->
                x.add(new Finding(
                        "bind.cleartext",
                        Severity.ERROR,
                        where(x),
                        "a made-up DN with a random password binds in clear",
                        "bind as " + dn + " succeeded",
                        Fixes.CLEARTEXT_BIND));
            case CONFIDENTIALITY_REQUIRED, STRONGER_AUTH_REQUIRED, UNWILLING_TO_PERFORM ->
                x.add(Finding.ok("bind.cleartext", where(x), "simple binds without TLS are refused", text(r)));
            default -> x.add(Finding.info("bind.cleartext", where(x), "a bind in clear was answered " + text(r), null));
        }
    }

    private static void sasl(Examination x) {
        if (x.rootDse == null) {
            return;
        }
        List<String> mechanisms = LdapProbe.values(x.rootDse, "supportedSASLMechanisms");
        List<String> weak = mechanisms.stream()
                .filter(m -> m.equalsIgnoreCase("DIGEST-MD5") || m.equalsIgnoreCase("CRAM-MD5"))
                .toList();
        if (!weak.isEmpty()) {
            x.add(new Finding(
                    "sasl.mechanisms",
                    Severity.WARN,
                    "",
                    "weak SASL mechanisms offered: " + String.join(", ", weak),
                    "they need passwords kept in a form the server can recover; DIGEST-MD5 is historic (RFC 6331)",
                    Fixes.WEAK_SASL));
        } else {
            x.add(Finding.ok(
                    "sasl.mechanisms",
                    "",
                    mechanisms.isEmpty() ? "no SASL mechanisms offered" : "SASL: " + String.join(", ", mechanisms),
                    null));
        }
    }

    static String text(LdapResult r) {
        return r.code().name().toLowerCase(Locale.ROOT) + " (" + r.code().code() + ")"
                + (r.diagnosticMessage().isEmpty() ? "" : ": " + r.diagnosticMessage());
    }
}
