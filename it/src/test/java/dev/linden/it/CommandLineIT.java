package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.cli.Main;
import dev.linden.testkit.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The linden command run in this JVM, for the tests of other tiers: here, a whole directory exported,
 * imported and exported again, byte for byte. (Its arguments and error lines are the cli module's unit
 * tests.)
 */
class CommandLineIT {
    record Output(int exit, String out, String err) {}

    static synchronized Output linden(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Output(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static Path sampleLdif() throws Exception {
        Path file = Files.createTempFile("sample", ".ldif");
        try (var in = TestServer.class.getResourceAsStream("sample.ldif")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    @Test
    void exportThenImportReproducesTheDirectoryExactly() throws Exception {
        Path first = TestServer.tempDir("linden-a");
        Path second = TestServer.tempDir("linden-b");
        Output imported = linden(
                "import",
                "--suffix",
                "dc=example,dc=com",
                "--data",
                first.toString(),
                sampleLdif().toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 8 entries");
        Path export1 = Files.createTempFile("export1", ".ldif");
        assertThat(linden(
                                "export",
                                "--suffix",
                                "dc=example,dc=com",
                                "--data",
                                first.toString(),
                                "-o",
                                export1.toString())
                        .exit())
                .isZero();
        String ldif = Files.readString(export1);
        assertThat(ldif)
                .contains(
                        "dn: uid=alice,ou=people,dc=example,dc=com",
                        "entryUUID: ",
                        "createTimestamp: ",
                        "userPassword: {ARGON2}$argon2id$");
        assertThat(linden("import", "--suffix", "dc=example,dc=com", "--data", second.toString(), export1.toString())
                        .exit())
                .isZero();
        Path export2 = Files.createTempFile("export2", ".ldif");
        assertThat(linden(
                                "export",
                                "--suffix",
                                "dc=example,dc=com",
                                "--data",
                                second.toString(),
                                "-o",
                                export2.toString())
                        .exit())
                .isZero();
        assertThat(Files.readString(export2)).isEqualTo(ldif);
    }

    @Test
    void aLoadOnEveryCoreKeepsTheFileOrderAndStopsAtTheFirstBadRecordWithEverythingBeforeItLoaded() throws Exception {
        // several chunks and transactions of the parallel load: parents before children across them, and a
        // record far in the file that fails its schema check
        int users = 3 * 1000 + 17;
        int bad = 2_345;
        StringBuilder ldif = new StringBuilder("dn: dc=example,dc=com\nobjectClass: domain\ndc: example\n\n");
        int line = 5;
        int badLine = 0;
        for (int i = 1; i <= users; i++) {
            ldif.append("dn: ou=unit")
                    .append(i)
                    .append(",dc=example,dc=com\nobjectClass: organizationalUnit\nou: unit")
                    .append(i)
                    .append("\n\n");
            line += 4;
            if (i == bad) {
                badLine = line;
            }
            ldif.append("dn: uid=u")
                    .append(i)
                    .append(",ou=unit")
                    .append(i)
                    .append(",dc=example,dc=com\n")
                    .append("objectClass: inetOrgPerson\nuid: u")
                    .append(i)
                    .append("\ncn: U ")
                    .append(i)
                    .append(i == bad ? "" : "\nsn: S")
                    .append("\n\n");
            line += i == bad ? 5 : 6;
        }
        Path file = Files.writeString(Files.createTempFile("many", ".ldif"), ldif);
        Path data = TestServer.tempDir("linden-many");
        Output r = linden("import", "--suffix", "dc=example,dc=com", "--data", data.toString(), file.toString());
        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.err())
                .contains(
                        "line " + badLine + ": uid=u" + bad + ",ou=unit" + bad + ",dc=example,dc=com",
                        "requires attribute 'sn'");
        Path export = Files.createTempFile("many-export", ".ldif");
        assertThat(linden("export", "--suffix", "dc=example,dc=com", "--data", data.toString(), "-o", export.toString())
                        .exit())
                .isZero();
        List<String> dns = Files.readAllLines(export).stream()
                .filter(l -> l.startsWith("dn: "))
                .toList();
        assertThat(dns)
                .as("the suffix, and every unit and user before the bad one")
                .hasSize(1 + 2 * (bad - 1) + 1)
                .contains(
                        "dn: uid=u" + (bad - 1) + ",ou=unit" + (bad - 1) + ",dc=example,dc=com",
                        "dn: ou=unit" + bad + ",dc=example,dc=com")
                .doesNotContain(
                        "dn: uid=u" + bad + ",ou=unit" + bad + ",dc=example,dc=com",
                        "dn: ou=unit" + (bad + 1) + ",dc=example,dc=com");

        Path clean = Files.writeString(
                Files.createTempFile("clean", ".ldif"),
                ldif.toString().replace("cn: U " + bad + "\n", "cn: U " + bad + "\nsn: S\n"));
        Output all = linden(
                "import",
                "--suffix",
                "dc=example,dc=com",
                "--data",
                TestServer.tempDir("linden-many2").toString(),
                clean.toString());
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out()).contains("imported " + (1 + 2 * users) + " entries");
    }
}
