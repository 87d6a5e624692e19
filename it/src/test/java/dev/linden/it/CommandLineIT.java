package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.cli.Main;
import dev.linden.testkit.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The linden command run in this JVM, for the tests of other tiers: here, a whole directory exported,
 * imported and exported again, byte for byte. (Its arguments and error lines are the cli module's unit
 * tests.)
 */
class CommandLineIT {
    record Output(int exit, String out, String err) {
    }

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
        Output imported = linden("import", "--suffix", "dc=example,dc=com", "--data", first.toString(), sampleLdif().toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 8 entries");
        Path export1 = Files.createTempFile("export1", ".ldif");
        assertThat(linden("export", "--suffix", "dc=example,dc=com", "--data", first.toString(), "-o", export1.toString()).exit()).isZero();
        String ldif = Files.readString(export1);
        assertThat(ldif).contains("dn: uid=alice,ou=people,dc=example,dc=com", "entryUUID: ", "createTimestamp: ",
                "userPassword: {ARGON2}$argon2id$");
        assertThat(linden("import", "--suffix", "dc=example,dc=com", "--data", second.toString(), export1.toString()).exit()).isZero();
        Path export2 = Files.createTempFile("export2", ".ldif");
        assertThat(linden("export", "--suffix", "dc=example,dc=com", "--data", second.toString(), "-o", export2.toString()).exit()).isZero();
        assertThat(Files.readString(export2)).isEqualTo(ldif);
    }
}
