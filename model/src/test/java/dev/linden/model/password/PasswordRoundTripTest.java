package dev.linden.model.password;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every scheme that writes values verifies what it wrote, and only that. */
class PasswordRoundTripTest {

    private static final PasswordSchemes SCHEMES = PasswordSchemes.standard();

    @ParameterizedTest
    @ValueSource(strings = {"ARGON2", "PBKDF2-SHA256", "SSHA", "SSHA256", "SSHA512"})
    void hashThenVerify(String scheme) {
        byte[] clear = "correct horse".getBytes(UTF_8);
        String stored = SCHEMES.hash(scheme, clear);

        assertThat(stored).startsWith("{" + scheme + "}");
        assertThat(SCHEMES.verify(clear, stored.getBytes(UTF_8))).isTrue();
        assertThat(SCHEMES.verify("correct horsE".getBytes(UTF_8), stored.getBytes(UTF_8)))
                .isFalse();
        assertThat(SCHEMES.verify("correct horse ".getBytes(UTF_8), stored.getBytes(UTF_8)))
                .isFalse();
        assertThat(SCHEMES.verify(new byte[0], stored.getBytes(UTF_8))).isFalse();
        assertThat(SCHEMES.isHashed(stored.getBytes(UTF_8))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ARGON2", "PBKDF2-SHA256", "SSHA", "SSHA256", "SSHA512"})
    void saltMakesEachHashDifferent(String scheme) {
        byte[] clear = "secret".getBytes(UTF_8);
        String first = SCHEMES.hash(scheme, clear);
        String second = SCHEMES.hash(scheme, clear);

        assertThat(first).isNotEqualTo(second);
        assertThat(SCHEMES.verify(clear, first.getBytes(UTF_8))).isTrue();
        assertThat(SCHEMES.verify(clear, second.getBytes(UTF_8))).isTrue();
    }

    /**
     * LDAP passwords are octets: empty, NUL and bytes that are not UTF-8 must all survive. The wrong
     * candidates differ in a non-zero byte: PBKDF2-HMAC cannot tell a password from the same password with
     * trailing NULs (see {@link PasswordKnownAnswerTest#pbkdf2InheritsHmacKeyPadding()}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"ARGON2", "PBKDF2-SHA256", "SSHA", "SSHA256", "SSHA512"})
    void arbitraryOctets(String scheme) {
        byte[] empty = new byte[0];
        byte[] binary = {0, (byte) 0xff, (byte) 0xc3, 0x28, 0};
        String storedEmpty = SCHEMES.hash(scheme, empty);
        String storedBinary = SCHEMES.hash(scheme, binary);

        assertThat(SCHEMES.verify(empty, storedEmpty.getBytes(UTF_8))).isTrue();
        assertThat(SCHEMES.verify(new byte[] {1}, storedEmpty.getBytes(UTF_8))).isFalse();
        assertThat(SCHEMES.verify(binary, storedBinary.getBytes(UTF_8))).isTrue();
        assertThat(SCHEMES.verify(new byte[] {0, (byte) 0xff, (byte) 0xc3, 0x29, 0}, storedBinary.getBytes(UTF_8)))
                .isFalse();
    }
}
