package dev.linden.cli.doctor;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code linden doctor HOST[:PORT]}: audits any LDAP server (OpenLDAP, Active Directory, Linden)
 * from the outside, without credentials (and a little more with them), and says what to fix.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 3,
        exitCodeOnExecutionException = 3,
        description = {
            "Audit an LDAP server (OpenLDAP, Active Directory, Linden): ports, TLS and certificates, "
                    + "anonymous access, cleartext and unauthenticated binds, CLDAP amplification, DNS SRV records, clock.",
            "Exit status: 0 nothing to fix, 1 warnings, 2 errors (3: doctor could not run)."
        })
public final class DoctorCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "HOST[:PORT]",
            description = "the server; PORT is the plain LDAP port (default 389); "
                    + "[IPv6]:PORT for an IPv6 address with a port")
    String server;

    @Option(
            names = "--ldaps-port",
            defaultValue = "636",
            description = "the LDAPS port (default ${DEFAULT-VALUE}; -1: none)")
    int ldapsPort;

    @Option(
            names = "--cldap-port",
            defaultValue = "389",
            description = "the CLDAP (UDP) port (default ${DEFAULT-VALUE}; -1: skip)")
    int cldapPort;

    @Option(
            names = "--timeout",
            defaultValue = "3000",
            description = "milliseconds any one network step may take " + "(default ${DEFAULT-VALUE})")
    int timeoutMillis;

    @Option(names = "--name", description = "the name certificates must carry (default: HOST)")
    String name;

    @Option(names = "--ca", description = "trust the CA certificates in this PEM file (default: the JVM's)")
    Path caFile;

    @Option(names = "--domain", description = "the DNS domain for SRV records (default: from the naming contexts)")
    String domain;

    @Option(names = "--dns-server", description = "ask this DNS server (host or host:port) for SRV records")
    String dnsServer;

    @Option(
            names = {"-D", "--bind-dn"},
            description = "bind as this DN (over trusted TLS only) for the checks that need it")
    String bindDn;

    @Option(
            names = {"-w", "--password"},
            description = "its password (or -y, or the LINDEN_PASSWORD variable)")
    String password;

    @Option(
            names = {"-y", "--password-file"},
            description = "read the password from this file")
    Path passwordFile;

    @Option(names = "--json", description = "print the report as JSON (schema: docs/doctor.md)")
    boolean json;

    @Option(names = "--fixes-for", description = "show fixes for one server family only: openldap, ad or linden")
    String family;

    @Override
    public Integer call() throws Exception {
        String host = server;
        int port = 389;
        String portText = null;
        if (server.startsWith("[")) { // [IPv6]:PORT
            int close = server.indexOf(']');
            host = close > 0 ? server.substring(1, close) : server;
            portText = close > 0 && server.length() > close + 1 && server.charAt(close + 1) == ':'
                    ? server.substring(close + 2)
                    : null;
        } else if (server.indexOf(':') > 0
                && server.indexOf(':') == server.lastIndexOf(':')) { // an IPv6 address has several
            host = server.substring(0, server.indexOf(':'));
            portText = server.substring(server.indexOf(':') + 1);
        }
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                System.err.println("linden doctor: '" + server + "' is not HOST, HOST:PORT or [IPv6]:PORT");
                return 3;
            }
        }
        if (family != null
                && !java.util.List.of("openldap", "ad", "linden").contains(family.toLowerCase(Locale.ROOT))) {
            System.err.println("linden doctor: --fixes-for takes openldap, ad or linden, not '" + family + "'");
            return 3;
        }
        String secret = password;
        if (secret == null && passwordFile != null) {
            secret = dev.linden.cli.PasswordFile.read(passwordFile);
        }
        if (secret == null && bindDn != null) {
            secret = System.getenv("LINDEN_PASSWORD");
        }
        if (bindDn != null && secret == null) {
            System.err.println("linden doctor: -D needs a password: -w, -y FILE or the LINDEN_PASSWORD variable");
            return 3;
        }
        Target target = new Target(
                host,
                port,
                ldapsPort,
                Math.max(100, timeoutMillis),
                name != null ? name : host,
                caFile,
                bindDn,
                secret,
                cldapPort,
                domain,
                dnsServer);
        Report report = Doctor.examine(target);
        System.out.print(
                json
                        ? JsonReport.render(report)
                        : TextReport.render(report, family == null ? null : family.toLowerCase(Locale.ROOT)));
        System.out.flush();
        return report.exitStatus();
    }
}
