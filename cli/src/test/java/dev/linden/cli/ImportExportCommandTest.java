package dev.linden.cli;

import static dev.linden.cli.Cli.linden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.server.DataFolderLock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code linden import} and {@code linden export} offline, on an LMDB store in a temporary folder: their
 * options, and errors that name the file and line. (The round trip of a whole directory, export then
 * import then export again, is {@code CommandLineIT}.)
 */
class ImportExportCommandTest {
    private static final String PERSON_WITHOUT_SN = """
            dn: dc=example,dc=com
            objectClass: domain
            dc: example

            dn: uid=x,dc=example,dc=com
            objectClass: inetOrgPerson
            uid: x
            cn: X
            """;

    @TempDir
    Path folder;

    private Path file(String name, String text) throws Exception {
        Path file = folder.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Cli.Output importInto(String data, Path ldif, String... more) {
        String[] args = new String[5 + more.length + 1];
        String[] fixed = {
            "import",
            "--suffix",
            "dc=example,dc=com",
            "--data",
            folder.resolve(data).toString()
        };
        System.arraycopy(fixed, 0, args, 0, fixed.length);
        System.arraycopy(more, 0, args, fixed.length, more.length);
        args[args.length - 1] = ldif.toString();
        return linden(args);
    }

    @Test
    void importErrorsNameTheFileAndLine() throws Exception {
        Path bad = file("bad.ldif", PERSON_WITHOUT_SN);
        Cli.Output r = importInto("bad", bad);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("line 5", "uid=x,dc=example,dc=com", "requires attribute 'sn'");
        Files.writeString(bad, "dn: dc=example,dc=com\nobjectClass:: not*base64\n");
        Cli.Output b = importInto("bad2", bad);
        assertThat(b.exit()).isEqualTo(1);
        assertThat(b.err()).contains(bad + ":2", "base64");
    }

    @Test
    void withoutTheSchemaCheckAFileIsTrusted() throws Exception {
        Cli.Output r = importInto("trusted", file("trusted.ldif", PERSON_WITHOUT_SN), "--no-schema-check");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("imported 2 entries in ");
        Cli.Output exported = linden(
                "export",
                "--suffix",
                "dc=example,dc=com",
                "--data",
                folder.resolve("trusted").toString());
        assertThat(exported.exit()).isZero();
        assertThat(exported.out())
                .startsWith("version: 1")
                .contains("dn: uid=x,dc=example,dc=com", "cn: X", "entryUUID: ");
        assertThat(exported.err())
                .as("the count goes to standard error only with -o")
                .isEmpty();
    }

    @Test
    void exportToAFileSaysHowManyEntriesItWrote() throws Exception {
        assertThat(importInto("data", file("two.ldif", PERSON_WITHOUT_SN + "sn: Y\n"))
                        .exit())
                .isZero();
        Path out = folder.resolve("out.ldif");
        Cli.Output r = linden(
                "export",
                "--suffix",
                "dc=example,dc=com",
                "--data",
                folder.resolve("data").toString(),
                "-o",
                out.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("exported 2 entries to " + out);
        assertThat(Files.readString(out)).contains("dn: dc=example,dc=com", "dn: uid=x,dc=example,dc=com", "sn: Y");
    }

    @Test
    void importRefusesAFolderAServerHolds() throws Exception {
        Path data = folder.resolve("held");
        try (DataFolderLock held = DataFolderLock.acquire(data)) {
            Cli.Output r =
                    importInto("held", file("one.ldif", "dn: dc=example,dc=com\nobjectClass: domain\ndc: example\n"));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.err())
                    .startsWith("linden import: dataDir " + data + " is in use by another Linden")
                    .contains("stop it first");
        }
    }

    @Test
    void aMissingLdifFileIsOneLineAndCreatesNoStore() {
        Path missing = folder.resolve("nothing.ldif");
        Cli.Output r = importInto("never", missing);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines())
                .containsExactly("linden import: cannot read the LDIF file " + missing + ": no such file");
        assertThat(folder.resolve("never")).doesNotExist();
    }
}
