package dev.linden.cli;

import static dev.linden.cli.Cli.linden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.model.password.PasswordSchemes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code linden hash-password}: the stored form of a password, verifiable by the server's own schemes. */
class HashPasswordCommandTest {
    private static final PasswordSchemes SCHEMES = PasswordSchemes.standard();

    private static boolean verifies(String password, String hash) {
        return SCHEMES.verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hashPasswordPrintsAVerifiableHash() {
        Cli.Output r = linden("hash-password", "--scheme", "SSHA512", "s3cret");
        assertThat(r.exit()).isZero();
        String hash = r.out().strip();
        assertThat(hash).startsWith("{SSHA512}");
        assertThat(verifies("s3cret", hash)).isTrue();
        assertThat(verifies("other", hash)).isFalse();
        assertThat(linden("hash-password", "s3cret").out()).startsWith("{ARGON2}$argon2id$");
    }

    @Test
    void thePasswordMayComeOnStandardInputSoNoCommandLineShowsIt() {
        Cli.Output r = Cli.lindenWithInput("from a file\n", "hash-password", "--scheme", "pbkdf2-sha256");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).startsWith("{PBKDF2-SHA256}");
        assertThat(verifies("from a file", r.out().strip()))
                .as("the line, without its newline")
                .isTrue();
    }

    @Test
    void anUnknownSchemeOrNoPasswordIsRefused() {
        Cli.Output unknown = linden("hash-password", "--scheme", "MD5", "s3cret");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).startsWith("unknown scheme MD5; known: ").contains("SSHA512");
        Cli.Output none = Cli.lindenWithInput("", "hash-password");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err().strip()).isEqualTo("no password given");
    }
}
