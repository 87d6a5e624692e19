package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.testkit.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Python applications against Linden: the same small program written with ldap3 and with python-ldap
 * (Debian's python3-ldap3 and python3-ldap, for /usr/bin/python3), run as a subprocess. The service
 * account binds over StartTLS or LDAPS with the server's certificate as the trusted CA, finds a user,
 * checks nested group membership with the in-chain rule in one query, binds as the user, reads the
 * user's groups; then lists the people a page at a time and reads each listed DN back. The people
 * have RDNs with every character RFC 4514 escapes, several values, and non-ASCII letters: the DNs
 * must come back exactly as they were added (written here as slapd returns them), and each must be
 * usable again by the client as it came (ldap3 refuses names it considers badly escaped).
 */
class PythonClientsIT {
    static final String PYTHON = "/usr/bin/python3";
    static final String INSTALL = "apt-get install -y python3-ldap3 python3-ldap (see .ci/run)";
    static final String PEOPLE = "ou=people,dc=example,dc=com";
    static final String SERVICE = "cn=app-service,ou=services,dc=example,dc=com";
    static final String ENGINEERING = "cn=engineering,ou=groups,dc=example,dc=com";
    /** A group whose own name needs an escape, nested in engineering. */
    static final String OPS = "cn=Ops\\2C Europe,ou=groups,dc=example,dc=com";
    /** Escaped, multi-valued and non-ASCII at once: the user the flagship flow lets in. */
    static final String JURGEN = "cn=M\u00fcller\\2C J\u00fcrgen+uid=jmuller," + PEOPLE;

    static final String JOHN = "cn=Doe\\2C John," + PEOPLE;
    /** RDNs of the people added here (under ou=people), with their cn values. */
    static final List<String[]> ODD_PEOPLE = List.of(
            new String[] {"cn=a\\2Bb\\3Dc", "a+b=c"},
            new String[] {"cn=\\22Quoted\\22 \\3CName\\3E", "\"Quoted\" <Name>"},
            new String[] {"cn=back\\5Cslash\\3Bsemi", "back\\slash;semi"},
            new String[] {"cn=\\23hash\\23", "#hash#"},
            new String[] {"cn=\\20padded\\20", " padded "},
            new String[] {"cn=Multi+uid=valued", "Multi"},
            new String[] {"cn=J\u00fcrgen M\u00fcller", "J\u00fcrgen M\u00fcller"},
            new String[] {"cn=\u6771\u4eac \u592a\u90ce", "\u6771\u4eac \u592a\u90ce"});

    static TestServer server;
    static List<String> people;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memoryWithTls("security: {requireTlsForBind: true, loopbackExempt: false}\n");
        try (InputStream in = dev.linden.cli.Main.class.getResourceAsStream("demo.ldif")) {
            server.loadLdif(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        // added over LDAP as an application would, the DNs sent as these strings
        try (LDAPConnection admin = new LDAPConnection("127.0.0.1", server.port())) {
            admin.processExtendedOperation(new com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest(
                    new com.unboundid.util.ssl.SSLUtil(new com.unboundid.util.ssl.TrustAllTrustManager())
                            .createSSLContext()));
            admin.bind(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
            for (String[] p : ODD_PEOPLE) {
                admin.add(
                        p[0] + "," + PEOPLE,
                        new Attribute("objectClass", "inetOrgPerson"),
                        new Attribute("cn", p[1]),
                        new Attribute("sn", "Odd"),
                        new Attribute("uid", p[0].contains("uid=") ? "valued" : "x"));
            }
            admin.add(
                    JOHN,
                    new Attribute("objectClass", "inetOrgPerson"),
                    new Attribute("cn", "Doe, John"),
                    new Attribute("sn", "Doe"),
                    new Attribute("uid", "jdoe"),
                    new Attribute("userPassword", "jdoe-password"));
            admin.add(
                    JURGEN,
                    new Attribute("objectClass", "inetOrgPerson"),
                    new Attribute("cn", "M\u00fcller, J\u00fcrgen"),
                    new Attribute("sn", "M\u00fcller"),
                    new Attribute("uid", "jmuller"),
                    new Attribute("userPassword", "jmuller-password"));
            admin.add(
                    OPS,
                    new Attribute("objectClass", "groupOfNames"),
                    new Attribute("cn", "Ops, Europe"),
                    new Attribute("member", JURGEN));
            admin.modify(ENGINEERING, new Modification(ModificationType.ADD, "member", OPS));
            people = admin.search(PEOPLE, SearchScope.SUB, "(objectClass=person)", "1.1").getSearchEntries().stream()
                    .map(e -> e.getDN())
                    .toList();
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Every person's DN as it was added: the demo's people and the ones added above. */
    static List<String> expectedPeople() {
        List<String> dns = new ArrayList<>();
        for (String uid : List.of("alice", "bob", "carol", "dave", "erin")) {
            dns.add("uid=" + uid + "," + PEOPLE);
        }
        ODD_PEOPLE.forEach(p -> dns.add(p[0] + "," + PEOPLE));
        dns.add(JOHN);
        dns.add(JURGEN);
        return dns;
    }

    @Test
    void ldap3() throws Exception {
        check(run("ldap3_client.py"));
    }

    @Test
    void pythonLdap() throws Exception {
        check(run("python_ldap_client.py"));
    }

    @Test
    void unboundIdSeesTheDnsAsAdded() {
        assertThat(people).containsExactlyInAnyOrderElementsOf(expectedPeople());
    }

    private static void check(List<String[]> facts) {
        assertThat(values(facts, "flagship", "jmuller"))
                .as("jmuller is in engineering through Ops, Europe")
                .containsExactly("allow\t" + JURGEN);
        assertThat(values(facts, "flagship", "jdoe")).as("jdoe is in no group").containsExactly("deny\t-");
        assertThat(values(facts, "flagship", "bob"))
                .as("bob: developers, in engineering")
                .containsExactly("allow\tuid=bob," + PEOPLE);
        assertThat(values(facts, "flagship", "carol"))
                .as("a wrong password")
                .containsExactly("deny\tuid=carol," + PEOPLE);
        assertThat(values(facts, "memberOf", "jmuller"))
                .as("the group's DN as it was added")
                .containsExactly(OPS);
        List<String> listed = values(facts, "listed");
        assertThat(listed).as("the paged listing").containsExactlyInAnyOrderElementsOf(expectedPeople());
        assertThat(Integer.parseInt(values(facts, "pages").get(0)))
                .as("pages of 4")
                .isGreaterThanOrEqualTo(4);
        assertThat(values(facts, "parsed"))
                .as("each listed DN, taken apart by the library")
                .isEqualTo(listed);
        assertThat(values(facts, "reread"))
                .as("each listed DN, used as a search base")
                .isEqualTo(listed);
    }

    /** The rest of each line that starts with these fields. */
    private static List<String> values(List<String[]> facts, String... key) {
        List<String> out = new ArrayList<>();
        for (String[] f : facts) {
            if (f.length > key.length && java.util.Arrays.equals(f, 0, key.length, key, 0, key.length)) {
                out.add(String.join("\t", java.util.Arrays.copyOfRange(f, key.length, f.length)));
            }
        }
        return out;
    }

    /** Runs one client script; its output lines split on tabs. Fails, never skips, without the libraries. */
    private static List<String[]> run(String script) throws IOException, InterruptedException, URISyntaxException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new IllegalStateException(PYTHON + " is missing: " + INSTALL);
        }
        Path file =
                Path.of(PythonClientsIT.class.getResource("python/" + script).toURI());
        List<String> command = new ArrayList<>(List.of(
                PYTHON,
                file.toString(),
                "localhost",
                Integer.toString(server.port()),
                Integer.toString(server.ldapsPort()),
                server.certificate().toString(),
                SERVICE,
                "app-service-password",
                PEOPLE,
                ENGINEERING,
                "jmuller:jmuller-password",
                "jdoe:jdoe-password",
                "bob:bob-password",
                "carol:wrong-password"));
        Path out = Files.createTempFile("python-client", ".out");
        Path err = Files.createTempFile("python-client", ".err");
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        pb.environment().remove("PYTHONPATH"); // Debian's packages, not a virtual environment's
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(script + " did not finish within 60 s");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        if (stderr.contains("ModuleNotFoundError")) {
            throw new IllegalStateException(script + ": a Python LDAP library is missing: " + INSTALL + "\n" + stderr);
        }
        assertThat(p.exitValue())
                .as(script + " exit status; stderr:\n" + stderr)
                .isZero();
        List<String[]> facts = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            facts.add(line.split("\t", -1));
        }
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return facts;
    }
}
