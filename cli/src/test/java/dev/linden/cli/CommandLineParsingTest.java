package dev.linden.cli;

import static dev.linden.cli.Cli.linden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.server.Linden;
import dev.linden.server.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the command line reads its arguments and reports what it cannot do (picocli, {@link ErrorLine}):
 * one line on standard error naming the problem and where to look, an exit status scripts can rely on,
 * and the stack trace only with --debug. No command here opens a socket.
 */
class CommandLineParsingTest {
    @TempDir
    Path folder;

    @Test
    void withoutACommandItListsTheCommands() {
        Cli.Output r = linden();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("serve", "demo", "import", "export", "hash-password", "status", "doctor");
        assertThat(linden("--version").out().strip()).isEqualTo("linden " + Linden.VERSION);
    }

    @Test
    void aWrongFlagIsOneLineThatSaysWhereTheFlagsAre() {
        Cli.Output r = linden("serve", "--port", "three");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("linden serve: Invalid value for option '--port': 'three' is not an int"
                        + " (see: linden serve --help)");
        assertThat(linden("serve", "--prot", "3389").err().strip())
                .isEqualTo("linden serve: Unknown options: '--prot', '3389'" + " (see: linden serve --help)");
    }

    @Test
    void anUnknownCommandIsOneLineToo() {
        Cli.Output r = linden("srve");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("linden: ").contains("'srve'", "(see: linden --help)");
    }

    @Test
    void configErrorsNameTheFileLineAndKey() throws Exception {
        Path config = folder.resolve("linden.yaml");
        Files.writeString(config, "rootPassword: x\nlimits:\n  sizeLimt: 5\n");
        Cli.Output r = linden("serve", "--config", config.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(config + ":3", "sizeLimt");
        assertThat(r.errLines()).as("one line").hasSize(1);
    }

    @Test
    void theStackTraceIsForDebugOnly() {
        Path missing = folder.resolve("missing.ldif");
        String[] args = {
            "import",
            "--suffix",
            "dc=example,dc=com",
            "--data",
            folder.resolve("data").toString(),
            missing.toString()
        };
        Cli.Output plain = linden(args);
        assertThat(plain.exit()).isEqualTo(1);
        assertThat(plain.errLines())
                .containsExactly("linden import: cannot read the LDIF file " + missing + ": no such file");
        String[] debug = new String[args.length + 1];
        System.arraycopy(args, 0, debug, 0, args.length);
        debug[args.length] = "--debug";
        Cli.Output traced = linden(debug);
        assertThat(traced.exit()).isEqualTo(1);
        assertThat(traced.err()).contains(ConfigException.class.getName(), "\tat dev.linden.cli.ImportCommand.call");
        assertThat(traced.errLines().get(traced.errLines().size() - 1))
                .isEqualTo(plain.errLines().get(0));
    }

    @Test
    void anUnexpectedFailureSaysSoInOneLine() {
        assertThat(ErrorLine.describe(new IllegalStateException("the map is full\n  at line 3")))
                .isEqualTo(
                        "unexpected IllegalStateException: the map is full at line 3 (run again with --debug for the details)");
        assertThat(ErrorLine.describe(new NullPointerException()))
                .isEqualTo("unexpected NullPointerException (run again with --debug for the details)");
        assertThat(ErrorLine.describe(new ConfigException("listen.port: 70000 is not a port;\n use 1-65535")))
                .isEqualTo("listen.port: 70000 is not a port; use 1-65535");
    }

    @Test
    void doctorsExitStatusForItsOwnFailuresIsThreeNotAWarning() throws Exception {
        // 1 and 2 are what doctor found (warnings, errors): a doctor that could not run says 3
        Cli.Output badPort = linden("doctor", "ldap.example.com:ldap");
        assertThat(badPort.exit()).isEqualTo(3);
        assertThat(badPort.errLines())
                .containsExactly("linden doctor: 'ldap.example.com:ldap' is not HOST, HOST:PORT or [IPv6]:PORT");
        Cli.Output badFamily = linden("doctor", "ldap.example.com", "--fixes-for", "novell");
        assertThat(badFamily.exit()).isEqualTo(3);
        assertThat(badFamily.errLines())
                .containsExactly("linden doctor: --fixes-for takes openldap, ad or linden, not 'novell'");
        Cli.Output badTimeout = linden("doctor", "ldap.example.com", "--timeout", "soon");
        assertThat(badTimeout.exit()).isEqualTo(3);
        assertThat(badTimeout.errLines())
                .containsExactly("linden doctor: Invalid value for option '--timeout': 'soon'"
                        + " is not an int (see: linden doctor --help)");
        Path missing = folder.resolve("pw.txt");
        Cli.Output badFile =
                linden("doctor", "ldap.example.com", "-D", "cn=admin,dc=example,dc=com", "-y", missing.toString());
        assertThat(badFile.exit()).isEqualTo(3);
        assertThat(badFile.errLines())
                .containsExactly("linden doctor: cannot read the password file " + missing
                        + ": no such file; give -y a readable file that holds the password");
        assertThat(linden("doctor").exit()).as("no server named").isEqualTo(3);
    }

    @Test
    void doctorWithABindDnNeedsAPassword() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("LINDEN_PASSWORD") == null);
        Cli.Output r = linden("doctor", "ldap.example.com", "-D", "cn=admin,dc=example,dc=com");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.errLines())
                .containsExactly("linden doctor: -D needs a password: -w, -y FILE or the LINDEN_PASSWORD variable");
    }
}
