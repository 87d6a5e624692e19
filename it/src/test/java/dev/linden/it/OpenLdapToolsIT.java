package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.testkit.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OpenLDAP's command-line tools (ldap-utils) against Linden, as an administrator would use them. */
class OpenLdapToolsIT {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.memory().loadResource("sample.ldif");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Run(int exit, String out, String err) {}

    static Run run(String input, String... command) throws IOException, InterruptedException {
        if (!new java.io.File("/usr/bin/" + command[0]).canExecute()) {
            throw new IllegalStateException(command[0] + " is missing: apt-get install -y ldap-utils");
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        Path out = Files.createTempFile("ldap-tool", ".out");
        Path err = Files.createTempFile("ldap-tool", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static String[] admin(String tool, String... args) {
        List<String> cmd = new ArrayList<>(
                List.of(tool, "-x", "-H", server.url(), "-D", TestServer.ADMIN_DN, "-w", TestServer.ADMIN_PASSWORD));
        cmd.addAll(List.of(args));
        return cmd.toArray(String[]::new);
    }

    @Test
    void ldapsearchListsPeople() throws Exception {
        Run r = run(null, admin("ldapsearch", "-LLL", "-b", "dc=example,dc=com", "(uid=*)", "uid"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("dn: uid=alice,ou=people,dc=example,dc=com", "uid: bob", "uid: carol");
    }

    @Test
    void ldapsearchReportsNoSuchObject() throws Exception {
        Run r = run(null, admin("ldapsearch", "-LLL", "-b", "ou=missing,dc=example,dc=com", "(objectClass=*)"));
        assertThat(r.exit()).isEqualTo(32);
        assertThat(r.err()).contains("No such object");
    }

    @Test
    void ldapwhoamiAndLdappasswd() throws Exception {
        Run who = run(
                null,
                "ldapwhoami",
                "-x",
                "-H",
                server.url(),
                "-D",
                "uid=carol,ou=people,dc=example,dc=com",
                "-w",
                "carol-password");
        assertThat(who.exit()).as(who.err()).isZero();
        assertThat(who.out().strip()).isEqualTo("dn:uid=carol,ou=people,dc=example,dc=com");
        Run passwd = run(
                null,
                "ldappasswd",
                "-x",
                "-H",
                server.url(),
                "-D",
                "uid=carol,ou=people,dc=example,dc=com",
                "-w",
                "carol-password",
                "-a",
                "carol-password",
                "-s",
                "carol-second");
        assertThat(passwd.exit()).as(passwd.err()).isZero();
        assertThat(run(
                                null,
                                "ldapwhoami",
                                "-x",
                                "-H",
                                server.url(),
                                "-D",
                                "uid=carol,ou=people,dc=example,dc=com",
                                "-w",
                                "carol-second")
                        .exit())
                .isZero();
        assertThat(run(
                                null,
                                "ldapwhoami",
                                "-x",
                                "-H",
                                server.url(),
                                "-D",
                                "uid=carol,ou=people,dc=example,dc=com",
                                "-w",
                                "carol-password")
                        .exit())
                .isEqualTo(49);
        run(null, admin("ldappasswd", "-s", "carol-password", "uid=carol,ou=people,dc=example,dc=com"));
    }

    @Test
    void ldapaddModifyModrdnCompareDelete() throws Exception {
        Run add = run("""
                dn: uid=tool,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: tool
                cn: Tool User
                sn: User
                """, admin("ldapadd"));
        assertThat(add.exit()).as(add.err()).isZero();
        Run modify = run("""
                dn: uid=tool,ou=people,dc=example,dc=com
                changetype: modify
                add: mail
                mail: tool@example.com
                -
                replace: sn
                sn: Toolson
                """, admin("ldapmodify"));
        assertThat(modify.exit()).as(modify.err()).isZero();
        Run compare = run(null, admin("ldapcompare", "uid=tool,ou=people,dc=example,dc=com", "sn:Toolson"));
        assertThat(compare.exit()).isEqualTo(6); // compareTrue
        assertThat(compare.out()).contains("TRUE");
        Run modrdn = run(null, admin("ldapmodrdn", "-r", "uid=tool,ou=people,dc=example,dc=com", "uid=tool2"));
        assertThat(modrdn.exit()).as(modrdn.err()).isZero();
        Run search = run(
                null,
                admin(
                        "ldapsearch",
                        "-LLL",
                        "-b",
                        "uid=tool2,ou=people,dc=example,dc=com",
                        "-s",
                        "base",
                        "(objectClass=*)",
                        "uid",
                        "sn",
                        "mail"));
        assertThat(search.out())
                .contains("uid: tool2", "sn: Toolson", "mail: tool@example.com")
                .doesNotContain("uid: tool\n");
        Run delete = run(null, admin("ldapdelete", "uid=tool2,ou=people,dc=example,dc=com"));
        assertThat(delete.exit()).as(delete.err()).isZero();
        Run gone = run(null, admin("ldapcompare", "uid=tool2,ou=people,dc=example,dc=com", "sn:Toolson"));
        assertThat(gone.exit()).isEqualTo(32);
    }

    @Test
    void ldapaddRefusesASchemaViolation() throws Exception {
        Run add = run("""
                dn: uid=bad,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: bad
                cn: Bad
                """, admin("ldapadd"));
        assertThat(add.exit()).isEqualTo(65); // objectClassViolation: sn is required
        assertThat(add.err()).contains("requires attribute 'sn'");
    }

    @Test
    void pagedSearchWithLdapsearch() throws Exception {
        Run r = run(
                null,
                admin(
                        "ldapsearch",
                        "-LLL",
                        "-E",
                        "pr=2/noprompt",
                        "-b",
                        "dc=example,dc=com",
                        "(objectClass=*)",
                        "1.1"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("dn:")).count()).isEqualTo(8);
    }
}
