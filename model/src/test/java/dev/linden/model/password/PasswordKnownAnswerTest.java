package dev.linden.model.password;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The writing side: with the salt fixed, our encoders reproduce other tools' output byte for byte, so
 * OpenLDAP and libargon2 will read what Linden writes. Vectors and commands as in
 * {@link PasswordOpenLdapVectorsTest}.
 */
class PasswordKnownAnswerTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] SECRET = "secret".getBytes(UTF_8);

    @Test
    void sshaMatchesSlappasswd() {
        // slappasswd -h '{SSHA}' -s secret (4-byte salt)
        assertSaltedDigest(new SshaScheme(RANDOM), 20, "D1i6vd/5AQ3JEVso4K/iZrUoVeW29kQ9");
    }

    @Test
    void ssha256MatchesSlappasswd() {
        // slappasswd -o module-load=pw-sha2 -h '{SSHA256}' -s secret (8-byte salt)
        assertSaltedDigest(new Ssha256Scheme(RANDOM), 32, "YwLwf3GVHHilZR2wR0Wgn4y6D7+2Z5QcM0t3KWzW3vbeV1S2sw8akw==");
    }

    @Test
    void ssha512MatchesSlappasswd() {
        // slappasswd -o module-load=pw-sha2 -h '{SSHA512}' -s secret (8-byte salt)
        assertSaltedDigest(
                new Ssha512Scheme(RANDOM),
                64,
                "xQF/0bQduxg4BPL12x+jKVoP0q4LKF35O2zQhiE4N137I5hICAahMpKJjeWjd6mt//LisbCMhvUMaBIk5ujmcNJdpZA0po1U");
    }

    private static void assertSaltedDigest(SaltedDigestScheme scheme, int digestLength, String vector) {
        byte[] raw = Base64.getDecoder().decode(vector);
        byte[] salt = Arrays.copyOfRange(raw, digestLength, raw.length);
        assertThat(scheme.hash(SECRET, salt)).isEqualTo(vector);
    }

    @Test
    void pbkdf2MatchesPythonHashlib() {
        // python3 hashlib.pbkdf2_hmac("sha256", b"secret", b"linden-pbkdf2-kt", 100000, 32), adapted base64
        assertThat(Pbkdf2Sha256Scheme.hash(SECRET, "linden-pbkdf2-kt".getBytes(UTF_8), 100_000))
                .isEqualTo("100000$bGluZGVuLXBia2RmMi1rdA$NjkdRQU8TAKtD5yJc07PsawN7yscKZQbkp0gLV85ggU");
        // python3 hashlib.pbkdf2_hmac("sha256", b"secret", bytes(range(16)), 10000, 32), adapted base64
        assertThat(Pbkdf2Sha256Scheme.hash(SECRET, salt0to15(), 10_000))
                .isEqualTo("10000$AAECAwQFBgcICQoLDA0ODw$OImOyGKQvA8WMIN8WwuclUZFDykpCY/RxWOLBTOe8fg");
    }

    /** The empty password goes through the one-zero-byte HMAC key substitution; Python has no such trick. */
    @Test
    void pbkdf2OfEmptyPasswordMatchesPythonHashlib() {
        // python3 hashlib.pbkdf2_hmac("sha256", b"", bytes(range(16)), 10000, 32), adapted base64
        assertThat(Pbkdf2Sha256Scheme.hash(new byte[0], salt0to15(), 10_000))
                .isEqualTo("10000$AAECAwQFBgcICQoLDA0ODw$5BjCbwjEcp0jmr1G6wuWVURn4j37BvKuUD8n6Hk68MA");
    }

    /**
     * A property of PBKDF2-HMAC itself, not of this code: HMAC zero-pads short keys, so a password and the
     * same password followed by NULs derive the same key. Python's hashlib agrees (checked with
     * hashlib.pbkdf2_hmac on b"ab" and b"ab\0\0"), as must any conforming implementation, including the
     * OpenSSL call pw-pbkdf2 makes. Pinned here so nobody "fixes" it into an incompatibility.
     */
    @Test
    void pbkdf2InheritsHmacKeyPadding() {
        byte[] salt = salt0to15();
        assertThat(Pbkdf2Sha256Scheme.hash(new byte[] {'a', 'b', 0, 0}, salt, 1000))
                .isEqualTo(Pbkdf2Sha256Scheme.hash(new byte[] {'a', 'b'}, salt, 1000))
                .isNotEqualTo(Pbkdf2Sha256Scheme.hash(new byte[] {'a', 'b', 1}, salt, 1000));
    }

    @Test
    void argon2idDefaultsMatchReferenceArgon2Tool() {
        // echo -n secret | argon2 somesaltsomesalt -id -t 2 -k 19456 -p 1 -l 32 -e
        assertThat(new Argon2Scheme(RANDOM).hash(SECRET, "somesaltsomesalt".getBytes(UTF_8)))
                .isEqualTo("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA"
                        + "$14ukWqiThj4Xz77NYv01V28GbBZHY9AaZwsFswQFO0U");
    }

    private static byte[] salt0to15() {
        byte[] salt = new byte[16];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) i;
        }
        return salt;
    }
}
