package dev.linden.model.password;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Corrupt or hostile stored values are mismatches: false, quickly, without an exception and without
 * allocating what they ask for. Each is checked with the password that would otherwise be right.
 */
class PasswordMalformedTest {

    private static final PasswordSchemes SCHEMES = PasswordSchemes.standard();

    /** Valid-looking 16-byte salt and 32-byte hash, so only the field under test is wrong. */
    private static final String SALT = "c29tZXNhbHRzb21lc2FsdA";

    private static final String HASH = "14ukWqiThj4Xz77NYv01V28GbBZHY9AaZwsFswQFO0U";
    private static final String ARGON = "{ARGON2}$argon2id$v=19$";

    static Stream<String> malformed() {
        return Stream.of(
                // salted and unsalted digests
                "{SSHA}",
                "{SSHA}!!!!not*base64",
                "{SSHA}" + b64(20), // digest only, no salt: OpenLDAP rejects it too
                "{SSHA}" + b64(10), // shorter than a SHA-1 digest
                "{SSHA256}AAAA",
                "{SSHA512}" + b64(64),
                "{SSHA}" + b64(5000), // a salt of absurd length
                "{SHA}" + b64(19),
                "{SHA256}" + b64(33),
                "{SHA512}====",
                "{SSHA}D1i6vd/5AQ3JEVso4K/iZrUoVeW29kQ9\n", // a trailing newline is not base64
                "{SSHA}D1i6vd/5AQ3JEVs\u00e9o4K/iZrUoVeW29kQ9", // a non-ASCII byte
                // PBKDF2
                "{PBKDF2-SHA256}",
                "{PBKDF2-SHA256}100000$" + SALT,
                "{PBKDF2-SHA256}abc$" + SALT + "$" + HASH,
                "{PBKDF2-SHA256}0$" + SALT + "$" + HASH,
                "{PBKDF2-SHA256}-1$" + SALT + "$" + HASH,
                "{PBKDF2-SHA256}99999999999$" + SALT + "$" + HASH,
                "{PBKDF2-SHA256}10000001$" + SALT + "$" + HASH, // over the 10 million cap
                "{PBKDF2-SHA256}100000$" + SALT + "$" + b64(20), // a SHA-1-sized key
                "{PBKDF2-SHA256}100000$$" + HASH, // empty salt
                "{PBKDF2-SHA256}100000$" + SALT + "$" + HASH + "$extra",
                "{PBKDF2-SHA256}100000$" + SALT + "$" + HASH + "=",
                // Argon2
                "{ARGON2}$argon2id$v=19$m=999999999999,t=1,p=1$AAAA$AAAA",
                ARGON + "m=999999999999,t=1,p=1$" + SALT + "$" + HASH,
                ARGON + "m=4194305,t=1,p=1$" + SALT + "$" + HASH, // 4 GiB + 1 KiB
                ARGON + "m=65536,t=10000001,p=1$" + SALT + "$" + HASH,
                ARGON + "m=65536,t=0,p=1$" + SALT + "$" + HASH,
                ARGON + "m=65536,t=2,p=0$" + SALT + "$" + HASH,
                ARGON + "m=-1,t=2,p=1$" + SALT + "$" + HASH,
                ARGON + "m=15,t=2,p=2$" + SALT + "$" + HASH, // under 8 KiB per lane
                ARGON + "m=65536,t=2$" + SALT + "$" + HASH,
                ARGON + "t=2,m=65536,p=1$" + SALT + "$" + HASH,
                ARGON + "m=65536,t=2,p=1$c2hvcnQ$" + HASH, // 5-byte salt
                ARGON + "m=65536,t=2,p=1$" + SALT + "$AAA", // 2-byte hash
                ARGON + "m=65536,t=2,p=1$" + SALT + "$" + b64(2000),
                ARGON + "m=65536,t=2,p=1$" + SALT + "==$" + HASH,
                ARGON + "m=65536,t=2,p=1$" + SALT + "$" + HASH + "$",
                ARGON + "m=65536,t=2,p=1$" + SALT + "$not!base64",
                "{ARGON2}$argon2x$v=19$m=65536,t=2,p=1$" + SALT + "$" + HASH,
                "{ARGON2}$ARGON2ID$v=19$m=65536,t=2,p=1$" + SALT + "$" + HASH,
                "{ARGON2}$argon2id$v=18$m=65536,t=2,p=1$" + SALT + "$" + HASH,
                "{ARGON2}$argon2id$x=19$m=65536,t=2,p=1$" + SALT + "$" + HASH,
                "{ARGON2}argon2id$v=19$m=65536,t=2,p=1$" + SALT + "$" + HASH,
                "{ARGON2}",
                "{ARGON2}garbage",
                // prefixes
                "{UNKNOWN}secret",
                "{CLEARTEXT}secret", // not a scheme in Linden
                "{CRYPT}$6$salt$hash");
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectedWithoutThrowing(String stored) {
        byte[] value = stored.getBytes(ISO_8859_1);
        boolean result = Assertions.assertTimeout(
                Duration.ofSeconds(2), () -> SCHEMES.verify("secret".getBytes(ISO_8859_1), value));
        assertThat(result).isFalse();
    }

    private static String b64(int length) {
        return Base64.getEncoder().encodeToString(new byte[length]);
    }
}
