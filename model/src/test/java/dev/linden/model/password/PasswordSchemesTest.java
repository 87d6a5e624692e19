package dev.linden.model.password;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry: prefix dispatch, cleartext, refusal to write weak or unknown schemes. */
class PasswordSchemesTest {

    private static final PasswordSchemes SCHEMES = PasswordSchemes.standard();
    private static final byte[] SECRET = "secret".getBytes(UTF_8);

    @Test
    void defaultIsArgon2idWithOwaspCosts() {
        String stored = SCHEMES.hash(SECRET);

        assertThat(SCHEMES.defaultSchemeName()).isEqualTo("ARGON2");
        assertThat(stored)
                .matches("\\{ARGON2}\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(SCHEMES.verify(SECRET, stored.getBytes(UTF_8))).isTrue();
    }

    @Test
    void knowsTheStandardSchemes() {
        assertThat(SCHEMES.schemeNames())
                .containsExactlyInAnyOrder(
                        "ARGON2", "PBKDF2-SHA256", "SSHA", "SSHA256", "SSHA512", "SHA", "SHA256", "SHA512");
    }

    @Test
    void prefixIsCaseInsensitive() {
        // slappasswd -h '{SSHA}' -s secret, prefix lower-cased
        byte[] lower = "{ssha}D1i6vd/5AQ3JEVso4K/iZrUoVeW29kQ9".getBytes(UTF_8);
        byte[] mixed = "{sSha256}YwLwf3GVHHilZR2wR0Wgn4y6D7+2Z5QcM0t3KWzW3vbeV1S2sw8akw==".getBytes(UTF_8);

        assertThat(SCHEMES.verify(SECRET, lower)).isTrue();
        assertThat(SCHEMES.verify(SECRET, mixed)).isTrue();
        assertThat(SCHEMES.isHashed(lower)).isTrue();
        assertThat(SCHEMES.hash("ssha512", SECRET)).startsWith("{SSHA512}");
    }

    @Test
    void valueWithoutPrefixIsCleartext() {
        assertThat(SCHEMES.verify(SECRET, SECRET.clone())).isTrue();
        assertThat(SCHEMES.verify(SECRET, "secreT".getBytes(UTF_8))).isFalse();
        assertThat(SCHEMES.verify(SECRET, "secret2".getBytes(UTF_8))).isFalse();
        assertThat(SCHEMES.verify("secret2".getBytes(UTF_8), SECRET)).isFalse();
        assertThat(SCHEMES.verify(new byte[0], new byte[0])).isTrue();
        // Only a well-formed {NAME} is a prefix; anything else starting with a brace is cleartext.
        assertThat(SCHEMES.verify("{not a scheme}x".getBytes(UTF_8), "{not a scheme}x".getBytes(UTF_8)))
                .isTrue();
        assertThat(SCHEMES.verify("{secret".getBytes(UTF_8), "{secret".getBytes(UTF_8)))
                .isTrue();
        assertThat(SCHEMES.verify("{}x".getBytes(UTF_8), "{}x".getBytes(UTF_8))).isTrue();
    }

    @Test
    void cleartextPrefixIsNotAScheme() {
        byte[] stored = "{CLEARTEXT}secret".getBytes(UTF_8);

        assertThat(SCHEMES.verify(SECRET, stored)).isFalse();
        assertThat(SCHEMES.verify(stored, stored)).isFalse();
        assertThat(SCHEMES.isHashed(stored)).isFalse();
    }

    @Test
    void isHashedOnlyForKnownPrefixes() {
        assertThat(SCHEMES.isHashed("{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=".getBytes(UTF_8)))
                .isTrue();
        assertThat(SCHEMES.isHashed("{pbkdf2-sha256}anything".getBytes(UTF_8))).isTrue();
        assertThat(SCHEMES.isHashed("{ARGON2}".getBytes(UTF_8))).isTrue();
        assertThat(SCHEMES.isHashed(SECRET)).isFalse();
        assertThat(SCHEMES.isHashed("{MD5}X03MO1qnZdYdgyfeuILPmQ==".getBytes(UTF_8)))
                .isFalse();
        assertThat(SCHEMES.isHashed("{SSHA".getBytes(UTF_8))).isFalse();
        assertThat(SCHEMES.isHashed(" {SSHA}abc".getBytes(UTF_8))).isFalse();
        assertThat(SCHEMES.isHashed(new byte[0])).isFalse();
        assertThat(SCHEMES.isHashed(null)).isFalse();
    }

    @Test
    void nullsAreMismatches() {
        assertThat(SCHEMES.verify(null, SECRET)).isFalse();
        assertThat(SCHEMES.verify(SECRET, null)).isFalse();
    }

    @Test
    void refusesToWriteUnknownOrVerifyOnlySchemes() {
        assertThatThrownBy(() -> SCHEMES.hash("MD5", SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SCHEMES.hash("CLEARTEXT", SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SCHEMES.hash("SHA", SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("verify-only");
        assertThatThrownBy(() -> SCHEMES.hash("sha512", SECRET)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorRejectsDuplicatesAndBadDefaults() {
        SecureRandom random = new SecureRandom();
        assertThatThrownBy(() -> new PasswordSchemes(List.of(new SshaScheme(random), new SshaScheme(random)), "SSHA"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordSchemes(List.of(new SshaScheme(random)), "ARGON2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordSchemes(List.of(new ShaScheme()), "SHA"))
                .isInstanceOf(IllegalArgumentException.class);

        PasswordSchemes onlySsha = new PasswordSchemes(List.of(new SshaScheme(random)), "ssha");
        assertThat(onlySsha.hash(SECRET)).startsWith("{SSHA}");
        assertThat(onlySsha.isHashed("{ARGON2}$argon2id$".getBytes(UTF_8))).isFalse();
    }

    /** A server may cap Argon2 memory below the 4 GiB default; stored values over the cap then fail. */
    @Test
    void argon2MemoryCeilingIsConfigurable() {
        SecureRandom random = new SecureRandom();
        PasswordSchemes capped = new PasswordSchemes(List.of(new Argon2Scheme(random, 4096, 1, 1, 8192)), "ARGON2");
        // slappasswd -o module-load=argon2 -h '{ARGON2}' -s secret  (m=4096: under the cap)
        byte[] small =
                "{ARGON2}$argon2i$v=19$m=4096,t=3,p=1$6hCRNdsDImDYU+qJbT5xEA$8SR93aAAQc5dSzA/RkFQkZP8jU9VVm+fZqoCkuLsWZw"
                        .getBytes(UTF_8);
        // echo -n secret | argon2 somesaltsomesalt -id -t 2 -k 19456 -p 1 -l 32 -e  (m=19456: over the cap)
        byte[] large =
                "{ARGON2}$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$14ukWqiThj4Xz77NYv01V28GbBZHY9AaZwsFswQFO0U"
                        .getBytes(UTF_8);

        assertThat(capped.verify(SECRET, small)).isTrue();
        assertThat(capped.verify(SECRET, large)).isFalse();
        assertThat(SCHEMES.verify(SECRET, large)).isTrue();
        assertThat(capped.hash(SECRET)).startsWith("{ARGON2}$argon2id$v=19$m=4096,t=1,p=1$");
    }
}
