package dev.linden.it.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A closed port and a filtered one, told apart within the time bound. The test makes a network
 * namespace of its own, joined to this one by a veth pair, where nothing listens and nftables
 * drops every packet to one port: a connection there gets an RST at once (closed) on one port and
 * nothing at all (filtered) on the other. Needs root, iproute2 and nftables (.ci/run installs them).
 */
class DoctorNetworkIT {
    static final int FILTERED = 3999;
    static final int CLOSED = 4000;
    static final int TIMEOUT_MILLIS = 1500;
    private static String ns;
    private static String outside;
    private static String inside;
    private static String address;

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    static String[] inNamespace(String... command) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(command));
        return c.toArray(String[]::new);
    }

    @BeforeAll
    static void network() throws Exception {
        SecureRandom random = new SecureRandom();
        String id = Integer.toHexString(0x10000 + random.nextInt(0xF0000)); // five hex digits: names stay short
        int subnet = random.nextInt(64) * 4; // a /30 in 10.213.<octet>.0/24 of this test's own
        int octet = 1 + random.nextInt(254);
        ns = "ldoctor" + id;
        outside = "vdo" + id;
        inside = "vdi" + id;
        String near = "10.213." + octet + "." + (subnet + 1);
        address = "10.213." + octet + "." + (subnet + 2);
        run("ip", "netns", "add", ns);
        run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
        run("ip", "link", "set", inside, "netns", ns);
        run("ip", "addr", "add", near + "/30", "dev", outside);
        run("ip", "link", "set", outside, "up");
        run(inNamespace("ip", "addr", "add", address + "/30", "dev", inside));
        run(inNamespace("ip", "link", "set", inside, "up"));
        run(inNamespace("nft", "add", "table", "inet", "doctor"));
        run(inNamespace("nft", "add", "chain", "inet", "doctor", "input", "{ type filter hook input priority 0; }"));
        run(inNamespace(
                "nft", "add", "rule", "inet", "doctor", "input", "tcp", "dport", Integer.toString(FILTERED), "drop"));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (ns != null) {
            new ProcessBuilder("ip", "netns", "del", ns).start().waitFor(20, TimeUnit.SECONDS); // its veth end goes too
            new ProcessBuilder("ip", "link", "del", outside)
                    .start()
                    .waitFor(20, TimeUnit.SECONDS); // gone already, normally
        }
    }

    @Test
    void closedAndFilteredAreToldApartWithinTheTimeout() throws Exception {
        DoctorRun d = DoctorRun.run(
                "doctor",
                address + ":" + FILTERED,
                "--ldaps-port",
                Integer.toString(CLOSED),
                "--cldap-port",
                "-1",
                "--timeout",
                Integer.toString(TIMEOUT_MILLIS),
                "--json");
        assertThat(d.json().at("/facts/ports/" + FILTERED).asText()).as(d.out()).isEqualTo("filtered");
        assertThat(d.json().at("/facts/ports/" + CLOSED).asText()).isEqualTo("closed");
        assertThat(d.findings("tcp.reachable", "error")).hasSize(1);
        assertThat(d.exit()).isEqualTo(2);
        // both ports are tried at once: one timeout, not two
        assertThat(d.json().get("elapsedMillis").asLong()).isBetween((long) TIMEOUT_MILLIS, TIMEOUT_MILLIS + 1000L);
    }
}
