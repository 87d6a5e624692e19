package dev.linden.cli.doctor;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * DNS service records, which Windows, Samba and SSSD use to find directory servers:
 * {@code _ldap._tcp.DOMAIN} (and for Active Directory {@code _ldap._tcp.dc._msdcs.DOMAIN} and
 * {@code _kerberos._tcp.DOMAIN}). Each target must resolve and, when the server showed a
 * certificate, be one of the names in it: clients connect to the target's name and check it.
 */
final class SrvCheck {
    private SrvCheck() {}

    record Srv(int priority, int weight, int port, String target) {}

    static void run(Examination x) {
        Target t = x.target;
        String domain = t.domain() != null
                ? t.domain()
                : x.namingContexts.stream()
                        .map(Names::domainOf)
                        .filter(d -> d != null)
                        .findFirst()
                        .orElse(null);
        if (domain == null) {
            x.add(Finding.info(
                    "dns.srv",
                    "",
                    "no DNS domain to look up SRV records for",
                    "give one with --domain (the naming contexts have no dc= components)"));
            return;
        }
        List<String> names = new ArrayList<>(List.of("_ldap._tcp." + domain));
        if (x.activeDirectory) {
            names.add("_ldap._tcp.dc._msdcs." + domain);
            names.add("_kerberos._tcp." + domain);
        }
        DirContext dns;
        try {
            dns = context(t);
        } catch (NamingException e) {
            x.add(Finding.info("dns.srv", "", "DNS could not be asked", e.toString()));
            return;
        }
        java.util.Set<String> certNames = new java.util.LinkedHashSet<>();
        for (X509Certificate[] chain : x.chains.values()) {
            CertificateCheck.names(chain[0]).stream()
                    .filter(n -> n.startsWith("DNS:"))
                    .forEach(n -> certNames.add(n.substring(4)));
        }
        List<String> problems = new ArrayList<>();
        List<String> found = new ArrayList<>();
        try {
            for (String name : names) {
                List<Srv> records = srv(dns, name);
                if (records.isEmpty()) {
                    problems.add(name + ": no SRV records");
                    continue;
                }
                for (Srv r : records) {
                    found.add(name + " -> " + r.target() + ":" + r.port());
                    if (!resolves(dns, r.target())) {
                        problems.add(r.target() + " (from " + name + ") does not resolve");
                    } else if (!certNames.isEmpty()
                            && name.startsWith("_ldap.")
                            && certNames.stream().noneMatch(c -> Names.covers(c, r.target()))) {
                        problems.add(r.target() + " (from " + name + ") is not named in the certificate " + certNames);
                    }
                }
            }
        } finally {
            try {
                dns.close();
            } catch (NamingException e) {
                // nothing to do
            }
        }
        x.report.fact("srv", found);
        if (found.isEmpty()) {
            x.add(new Finding(
                    "dns.srv",
                    Severity.INFO,
                    "",
                    "no SRV records for " + domain,
                    "clients that locate servers through DNS (Windows, Samba, SSSD) will not find this one: "
                            + String.join("; ", problems),
                    Fixes.SRV));
        } else if (!problems.isEmpty()) {
            x.add(new Finding(
                    "dns.srv",
                    Severity.WARN,
                    "",
                    "SRV records that clients cannot use",
                    String.join("; ", problems),
                    Fixes.SRV));
        } else {
            x.add(Finding.ok(
                    "dns.srv", "", "SRV records resolve to names in the certificate", String.join("; ", found)));
        }
    }

    private static DirContext context(Target t) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", t.dnsServer() == null ? "dns:" : "dns://" + t.dnsServer() + "/");
        env.put("com.sun.jndi.dns.timeout.initial", Integer.toString(Math.max(100, t.timeoutMillis() / 2)));
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        return new InitialDirContext(env);
    }

    static List<Srv> srv(DirContext dns, String name) {
        List<Srv> out = new ArrayList<>();
        try {
            Attributes attrs = dns.getAttributes(name, new String[] {"SRV"});
            Attribute a = attrs.get("SRV");
            if (a == null) {
                return out;
            }
            NamingEnumeration<?> values = a.getAll();
            while (values.hasMore()) {
                String[] parts = values.next().toString().strip().split("\\s+");
                if (parts.length == 4) {
                    out.add(new Srv(
                            Integer.parseInt(parts[0]),
                            Integer.parseInt(parts[1]),
                            Integer.parseInt(parts[2]),
                            Names.stripDot(parts[3].toLowerCase(Locale.ROOT))));
                }
            }
        } catch (NamingException | NumberFormatException e) {
            // no records (NXDOMAIN, or none of that type)
        }
        return out;
    }

    private static boolean resolves(DirContext dns, String host) {
        try {
            Attributes attrs = dns.getAttributes(host, new String[] {"A", "AAAA"});
            return attrs.size() > 0;
        } catch (NamingException e) {
            return false;
        }
    }
}
