package dev.linden.cli.doctor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Examines one server, in an order where each check can use what the earlier ones learned: the
 * ports, what they speak, the root DSE, TLS (certificates, versions, suites), what an anonymous
 * client may do, CLDAP, DNS, and with credentials what a bound client sees. Every network step is
 * bounded by the target's timeout.
 */
public final class Doctor {
    private Doctor() {}

    public static Report examine(Target target) {
        long start = System.nanoTime();
        Examination x = new Examination(target);
        try {
            InetAddress.getByName(target.host());
        } catch (UnknownHostException e) {
            x.add(new Finding(
                    "dns.host", Severity.ERROR, "", "cannot resolve " + target.host(), e.getMessage(), Fixes.NO_PORT));
            x.report.elapsed((System.nanoTime() - start) / 1_000_000);
            return x.report;
        }
        PortCheck.run(x);
        ProtocolCheck.run(x);
        RootDseCheck.run(x);
        if (x.activeDirectory) {
            globalCatalog(x);
        }
        if (x.plainPort >= 0 || x.tlsPort >= 0) {
            TlsCheck.run(x);
            AccessCheck.run(x);
        }
        CldapCheck.run(x);
        if (x.rootDse != null || target.domain() != null) {
            SrvCheck.run(x);
        }
        CredentialsCheck.Outcome bound = CredentialsCheck.run(x);
        if (x.rootDse != null) {
            ClockCheck.run(x, bound == null ? null : bound.serverTime(), bound == null ? null : bound.localTime());
        }
        x.report.elapsed((System.nanoTime() - start) / 1_000_000);
        return x.report;
    }

    /** Active Directory's global catalog ports: facts, not faults (only GC servers open them). */
    private static void globalCatalog(Examination x) {
        var states = PortCheck.states(x.target.host(), List.of(3268, 3269), x.target.timeoutMillis());
        states.forEach((port, state) -> x.add(new Finding(
                "tcp.port",
                Severity.INFO,
                port + "/tcp",
                state + " (global catalog" + (port == 3269 ? " over TLS)" : ")"),
                null,
                Fix.NONE)));
    }
}
