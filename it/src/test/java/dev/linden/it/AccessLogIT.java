package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.CompareRequest;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.PLAINBindRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import dev.linden.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The access log over real sockets: one record per operation and result in both formats, never a
 * password or secret value, rotation by size, and every record written by a clean shutdown.
 */
class AccessLogIT {
    /** Passwords and secret values used below: none may appear in any log. */
    private static final List<String> SECRETS = List.of(
            "alice-password",
            "carol-password",
            "wrong-Secret-1",
            "guessed-Secret-2",
            "new-Secret-3",
            "added-Secret-4",
            "modify-Secret-5",
            "compare-Secret-6",
            "plain-Secret-7",
            "substr-Secret-8");

    private static TestServer server(String format, Path logs) {
        return TestServer.memory("accessLog: {format: " + format + ", file: " + logs.resolve("access.log") + "}\n"
                        + "securityLog: {file: " + logs.resolve("security.log") + "}\n")
                .loadResource("sample.ldif");
    }

    /** A mix of every operation, with secrets in every place a client can put them. */
    private static void traffic(TestServer server) throws Exception {
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
            c.bind("uid=alice,ou=people,dc=example,dc=com", "alice-password");
            c.search(new SearchRequest("ou=people,dc=example,dc=com", SearchScope.SUB, "(uid=bob)", "cn", "mail"));
            c.search("dc=example,dc=com", SearchScope.SUB, "(|(userPassword=guessed-Secret-2)(uid=carol))");
            c.search("dc=example,dc=com", SearchScope.SUB, "(userPassword=*substr-Secret-8*)");
            assertThatThrownBy(() -> c.compare(new CompareRequest(
                            "uid=bob,ou=people,dc=example,dc=com", "userPassword", "compare-Secret-6")))
                    .isInstanceOf(LDAPException.class); // secrets are not for comparing
            c.compare(new CompareRequest("uid=bob,ou=people,dc=example,dc=com", "mail", "bob@example.com"));
            c.add(
                    "uid=dave,ou=people,dc=example,dc=com",
                    new Attribute("objectClass", "inetOrgPerson"),
                    new Attribute("uid", "dave"),
                    new Attribute("cn", "Dave"),
                    new Attribute("sn", "D"),
                    new Attribute("userPassword", "added-Secret-4"));
            c.modify(
                    "uid=dave,ou=people,dc=example,dc=com",
                    new Modification(ModificationType.REPLACE, "userPassword", "modify-Secret-5"),
                    new Modification(ModificationType.ADD, "mail", "dave@example.com"));
            c.processExtendedOperation(new PasswordModifyExtendedRequest(
                    "uid=dave,ou=people,dc=example,dc=com", "modify-Secret-5", "new-Secret-3"));
            c.processExtendedOperation(new WhoAmIExtendedRequest());
            c.modifyDN("uid=dave,ou=people,dc=example,dc=com", "uid=dave2", true);
            c.delete("uid=dave2,ou=people,dc=example,dc=com");
            assertThatThrownBy(() -> c.bind("uid=bob,ou=people,dc=example,dc=com", "wrong-Secret-1"))
                    .isInstanceOf(LDAPException.class);
            assertThatThrownBy(() -> c.bind(new PLAINBindRequest("u:carol", "plain-Secret-7")))
                    .isInstanceOf(LDAPException.class);
            c.bind(new PLAINBindRequest("u:carol", "carol-password"));
        }
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void lineFormatHasOneRecordPerOperationAndNoSecret() throws Exception {
        Path logs = TestServer.tempDir("access-line");
        try (TestServer server = server("line", logs)) {
            traffic(server);
        }
        List<String> lines = lines(logs.resolve("access.log"));
        String all = String.join("\n", lines) + Files.readString(logs.resolve("security.log"));
        for (String secret : SECRETS) {
            assertThat(all).as("a secret in the logs").doesNotContainIgnoringCase(secret);
        }
        assertThat(lines).filteredOn(l -> l.contains(" ACCEPT ")).hasSize(1);
        String accept = lines.get(0);
        assertThat(accept)
                .matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z conn=\\d+ ACCEPT client=127\\.0\\.0\\.1:\\d+ tls=no "
                        + "listener=ldap local=\"127\\.0\\.0\\.1:\\d+\"");
        long conn = Long.parseLong(accept.replaceAll(".* conn=(\\d+) .*", "$1"));
        assertThat(lines).allMatch(l -> l.contains(" conn=" + conn + " "));
        assertThat(lines)
                .filteredOn(l -> l.contains(" BIND "))
                .hasSize(4)
                .first()
                .asString()
                .contains(
                        "op=1 BIND dn=\"uid=alice,ou=people,dc=example,dc=com\" method=simple err=0 etime=0.",
                        "client=127.0.0.1:",
                        "tls=no authzDN=\"uid=alice,ou=people,dc=example,dc=com\"");
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .contains("op=2 SRCH base=\"ou=people,dc=example,dc=com\" "
                                + "scope=sub filter=\"(uid=bob)\" attrs=\"cn mail\" err=0 nentries=1 etime="));
        assertThat(lines)
                .anySatisfy(
                        l -> assertThat(l)
                                .contains(
                                        "SRCH base=\"dc=example,dc=com\" scope=sub filter=\"(|(userPassword=<redacted>)(uid=carol))\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("filter=\"(userPassword=<redacted>)\""));
        assertThat(lines)
                .anySatisfy(
                        l -> assertThat(l)
                                .contains(
                                        "CMP dn=\"uid=bob,ou=people,dc=example,dc=com\" attr=\"userPassword\" value=\"<redacted>\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("attr=\"mail\" value=\"bob@example.com\" err=6"));
        assertThat(lines)
                .anySatisfy(
                        l -> assertThat(l)
                                .contains(
                                        "ADD dn=\"uid=dave,ou=people,dc=example,dc=com\" attrs=\"objectClass uid cn sn userPassword\" err=0"));
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .contains("MOD dn=\"uid=dave,ou=people,dc=example,dc=com\" "
                                + "mods=\"replace:userPassword add:mail\" err=0"));
        assertThat(lines)
                .anySatisfy(l ->
                        assertThat(l).contains("EXT oid=\"1.3.6.1.4.1.4203.1.11.1\" name=\"passwordModify\" err=0"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("name=\"whoAmI\" err=0"));
        assertThat(lines)
                .anySatisfy(
                        l -> assertThat(l)
                                .contains(
                                        "MODRDN dn=\"uid=dave,ou=people,dc=example,dc=com\" newrdn=\"uid=dave2\" deleteoldrdn=yes err=0"));
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).contains("DEL dn=\"uid=dave2,ou=people,dc=example,dc=com\" err=0"));
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .contains("BIND dn=\"uid=bob,ou=people,dc=example,dc=com\" method=simple err=49")
                        .contains("authzDN=\"\""));
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .contains("BIND dn=\"\" method=sasl mech=\"PLAIN\" err=0")
                        .contains("authzDN=\"uid=carol,ou=people,dc=example,dc=com\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(" UNBIND "));
        assertThat(lines.get(lines.size() - 1)).contains(" CLOSED ");
    }

    @Test
    void jsonLinesCarryTheSameFields() throws Exception {
        Path logs = TestServer.tempDir("access-json");
        try (TestServer server = server("json", logs)) {
            traffic(server);
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines(logs.resolve("access.log"))) {
            for (String secret : SECRETS) {
                assertThat(line).doesNotContainIgnoringCase(secret);
            }
            records.add(json.readTree(line)); // each line one JSON object
        }
        assertThat(records.get(0).get("type").asText()).isEqualTo("connect");
        JsonNode search = records.stream()
                .filter(r -> r.get("type").asText().equals("search"))
                .findFirst()
                .orElseThrow();
        assertThat(search.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
        assertThat(search.get("conn").asLong()).isPositive();
        assertThat(search.get("op").asInt()).isEqualTo(2);
        assertThat(search.get("base").asText()).isEqualTo("ou=people,dc=example,dc=com");
        assertThat(search.get("scope").asText()).isEqualTo("sub");
        assertThat(search.get("filter").asText()).isEqualTo("(uid=bob)");
        assertThat(search.get("attrs")).hasSize(2);
        assertThat(search.get("err").asInt()).isZero();
        assertThat(search.get("result").asText()).isEqualTo("success");
        assertThat(search.get("nentries").asInt()).isEqualTo(1);
        assertThat(search.get("etime").asDouble()).isGreaterThan(0).isLessThan(5);
        assertThat(search.get("client").asText()).isEqualTo("127.0.0.1");
        assertThat(search.get("port").asInt()).isPositive();
        assertThat(search.get("tls").asBoolean()).isFalse();
        assertThat(search.get("authzDN").asText()).isEqualTo("uid=alice,ou=people,dc=example,dc=com");
        JsonNode failed = records.stream()
                .filter(r ->
                        r.get("type").asText().equals("bind") && r.get("err").asInt() == 49)
                .findFirst()
                .orElseThrow();
        assertThat(failed.get("result").asText()).isEqualTo("invalidCredentials");
        assertThat(failed.get("dn").asText()).isEqualTo("uid=bob,ou=people,dc=example,dc=com");
        assertThat(records.get(records.size() - 1).get("type").asText()).isEqualTo("disconnect");
    }

    @Test
    void openLdapToolsAndTlsAreLogged() throws Exception {
        Path logs = TestServer.tempDir("access-tools");
        try (TestServer server = TestServer.memoryWithTls("accessLog: {file: " + logs.resolve("access.log") + "}\n")
                .loadResource("sample.ldif")) {
            var run = OpenLdapToolsIT.run(
                    null,
                    "ldapsearch",
                    "-x",
                    "-H",
                    server.url(),
                    "-D",
                    "uid=bob,ou=people,dc=example,dc=com",
                    "-w",
                    "bob-password",
                    "-b",
                    "dc=example,dc=com",
                    "(cn=Carol*)",
                    "mail");
            assertThat(run.exit()).as(run.err()).isZero();
            var startTls = OpenLdapToolsIT.run(
                    null,
                    "env",
                    "LDAPTLS_REQCERT=never",
                    "ldapwhoami",
                    "-x",
                    "-ZZ",
                    "-H",
                    server.url(),
                    "-D",
                    "uid=carol,ou=people,dc=example,dc=com",
                    "-w",
                    "carol-password");
            assertThat(startTls.exit()).as(startTls.err()).isZero();
            var ldaps = OpenLdapToolsIT.run(
                    null,
                    "env",
                    "LDAPTLS_REQCERT=never",
                    "ldapwhoami",
                    "-x",
                    "-H",
                    "ldaps://127.0.0.1:" + server.ldapsPort(),
                    "-D",
                    "uid=bob,ou=people,dc=example,dc=com",
                    "-w",
                    "bob-password");
            assertThat(ldaps.exit()).as(ldaps.err()).isZero();
        }
        String log = Files.readString(logs.resolve("access.log"));
        assertThat(log).doesNotContain("bob-password", "carol-password");
        assertThat(log)
                .contains("SRCH base=\"dc=example,dc=com\" scope=sub filter=\"(cn=Carol*)\" attrs=\"mail\" err=0 "
                        + "nentries=1");
        assertThat(log).containsPattern("ACCEPT client=127\\.0\\.0\\.1:\\d+ tls=no listener=ldaps");
        assertThat(log)
                .containsPattern("op=1 EXT oid=\"1.3.6.1.4.1.1466.20037\" name=\"startTLS\" err=0 client=127\\.0\\.0"
                        + "\\.1:\\d+ tls=no authzDN=\"\"");
        assertThat(log)
                .containsPattern("op=2 BIND dn=\"uid=carol,ou=people,dc=example,dc=com\" method=simple err=0 etime="
                        + "[0-9.]+ client=127\\.0\\.0\\.1:\\d+ tls=yes");
        assertThat(log)
                .containsPattern("EXT oid=\"1.3.6.1.4.1.4203.1.11.3\" name=\"whoAmI\" err=0 etime=[0-9.]+ "
                        + "client=127\\.0\\.0\\.1:\\d+ tls=yes authzDN=\"uid=bob,ou=people,dc=example,dc=com\"");
    }

    @Test
    void filesRollOverBySizeAndACleanShutdownLosesNothing() throws Exception {
        Path logs = TestServer.tempDir("access-roll");
        int searches = 1500;
        try (TestServer server = TestServer.memory("accessLog: {file: " + logs.resolve("access.log")
                                + ", maxFileSize: 16KB, maxHistory: 100}\n")
                        .loadResource("sample.ldif");
                LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
            c.bind("uid=bob,ou=people,dc=example,dc=com", "bob-password");
            for (int i = 0; i < searches; i++) {
                c.search(new SearchRequest("dc=example,dc=com", SearchScope.SUB, "(uid=user." + i + ")", "cn"));
            }
            // closing the server at once: the records still queued must all reach the files
        }
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("access"))
                    .toList()) {
                if (f.toString().endsWith(".gz")) {
                    try (var in = new GZIPInputStream(Files.newInputStream(f))) {
                        all.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                                .lines()
                                .toList());
                    }
                } else {
                    all.addAll(lines(f));
                }
            }
        }
        try (Stream<Path> files = Files.list(logs)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("access-"))
                            .count())
                    .as("rolled files")
                    .isGreaterThan(3);
        }
        assertThat(all).filteredOn(l -> l.contains(" SRCH ")).hasSize(searches);
        for (int i = 0; i < searches; i += 97) {
            String filter = "filter=\"(uid=user." + i + ")\"";
            assertThat(all).filteredOn(l -> l.contains(filter)).hasSize(1);
        }
        assertThat(all).filteredOn(l -> l.contains(" BIND ")).hasSize(1);
        assertThat(all).filteredOn(l -> l.contains(" CLOSED ")).hasSize(1);
    }

    @Test
    void anUnwritableLogIsAConfigurationError() throws Exception {
        Path config = Files.createTempFile("linden", ".yaml");
        Files.writeString(
                config,
                "rootPassword: x\nstorage: memory\nlisten: {host: 127.0.0.1, port: 0}\n"
                        + "metrics: {enabled: false}\naccessLog: {file: /proc/linden/access.log}\n");
        CommandLineIT.Output r = CommandLineIT.linden("serve", "--config", config.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("accessLog: cannot write /proc/linden/access.log");
    }

    @Test
    void controlsAreNamedAndAbandonedSearchesMarked() throws Exception {
        Path logs = TestServer.tempDir("access-ctl");
        try (TestServer server = server("line", logs);
                LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
            c.bind(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
            SearchRequest r = new SearchRequest("dc=example,dc=com", SearchScope.SUB, "(objectClass=*)");
            r.addControl(new Control("1.2.3.4.5", false));
            assertThat(c.search(r).getResultCode()).isEqualTo(ResultCode.SUCCESS);
        }
        assertThat(Files.readString(logs.resolve("access.log"))).contains("ctrls=\"1.2.3.4.5\"");
    }

    /**
     * A plain search is tried on the network thread; one that would examine too many entries for it
     * (past 32) runs again on a worker. Either way the log has one line per search, with what it sent.
     */
    @Test
    void aSearchTriedOnTheNetworkThreadAndRunAgainOnAWorkerIsLoggedOnce() throws Exception {
        Path logs = TestServer.tempDir("access-moved");
        StringBuilder people = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            people.append("dn: uid=p")
                    .append(i)
                    .append(",ou=people,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: p")
                    .append(i)
                    .append("\ncn: P\nsn: P\n\n");
        }
        int many;
        try (TestServer server = server("line", logs).loadLdif(people.toString());
                LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
            c.bind(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
            many = c.search("ou=people,dc=example,dc=com", SearchScope.ONE, "(objectClass=*)", "1.1")
                    .getEntryCount();
            assertThat(many).isGreaterThan(40);
            assertThat(c.search("uid=p7,ou=people,dc=example,dc=com", SearchScope.BASE, "(objectClass=*)", "1.1")
                            .getEntryCount())
                    .isEqualTo(1);
            c.processExtendedOperation(new WhoAmIExtendedRequest()); // a request after both: their lines are written
        }
        List<String> searches = lines(logs.resolve("access.log")).stream()
                .filter(l -> l.contains(" SRCH "))
                .toList();
        assertThat(searches).hasSize(2);
        assertThat(searches.get(0)).contains("op=2 SRCH", "scope=one", "err=0 nentries=" + many + " ");
        assertThat(searches.get(1)).contains("op=3 SRCH", "scope=base", "err=0 nentries=1 ");
    }
}
