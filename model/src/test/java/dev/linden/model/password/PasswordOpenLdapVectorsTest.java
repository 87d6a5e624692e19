package dev.linden.model.password;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values written by real tools verify with the right password and not with a wrong one. Produced on a
 * Debian 12 machine with slapd 2.5.13+dfsg-5 (slappasswd), argon2 0~20171227-0.3+deb12u1 (the reference
 * libargon2 CLI, "-e" prints the PHC string; we add the {ARGON2} prefix), and Python 3.11.7 hashlib for
 * PBKDF2, because Debian's slapd does not ship OpenLDAP's contrib pw-pbkdf2 module. Each row's comment
 * holds the exact command. Non-ASCII passwords were typed as UTF-8.
 */
class PasswordOpenLdapVectorsTest {

    private static final PasswordSchemes SCHEMES = PasswordSchemes.standard();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # slappasswd -h '{SSHA}' -s secret   (run twice)
            {SSHA}D1i6vd/5AQ3JEVso4K/iZrUoVeW29kQ9 | secret
            {SSHA}c/hV5G+ew7Q6gYQ8X8P/yBJ8lCa2Q2HI | secret
            # slappasswd -h '{SSHA}' -s 'pässwörd'
            {SSHA}+mRk71H3Np2/XgFOOQGTBtE8kGt4zazG | pässwörd
            # slappasswd -h '{SHA}' -s secret
            {SHA}5en6G6MezRroT3XKqkdPOmY/BfQ= | secret
            # slappasswd -o module-load=pw-sha2 -h '{SSHA256}' -s secret
            {SSHA256}YwLwf3GVHHilZR2wR0Wgn4y6D7+2Z5QcM0t3KWzW3vbeV1S2sw8akw== | secret
            # slappasswd -o module-load=pw-sha2 -h '{SSHA256}' -s 'pässwörd'
            {SSHA256}di87x109YFvlzZxReYcWKm8caq1Nf6nSqUigrpQAR4DPhaFMVpzKVg== | pässwörd
            # slappasswd -o module-load=pw-sha2 -h '{SSHA512}' -s secret
            {SSHA512}xQF/0bQduxg4BPL12x+jKVoP0q4LKF35O2zQhiE4N137I5hICAahMpKJjeWjd6mt//LisbCMhvUMaBIk5ujmcNJdpZA0po1U | secret
            # slappasswd -o module-load=pw-sha2 -h '{SHA256}' -s secret
            {SHA256}K7gNU3sdo+OL0wNhqoVWhr3g6s1xYv72ol/pe/Unols= | secret
            # slappasswd -o module-load=pw-sha2 -h '{SHA512}' -s secret
            {SHA512}vSsar3708Jvp9Szi2NWZZ02Bqp1qRCFpbcTZPdBhnWgs5WtNZKnvCXdhztmeD2cmW192CF5bDufKRpayrW/isg== | secret
            # slappasswd -o module-load=argon2 -h '{ARGON2}' -s secret   (the module writes argon2i, m=4096, t=3)
            {ARGON2}$argon2i$v=19$m=4096,t=3,p=1$6hCRNdsDImDYU+qJbT5xEA$8SR93aAAQc5dSzA/RkFQkZP8jU9VVm+fZqoCkuLsWZw | secret
            # slappasswd -o module-load=argon2 -h '{ARGON2}' -s 'pässwörd'
            {ARGON2}$argon2i$v=19$m=4096,t=3,p=1$7ug9mIvmu74W0uLfYE8OlQ$wFRcGIiFIZIkRIdAplpwMEf8Ea5GshwxaClSaadKUQ0 | pässwörd
            # slappasswd -o module-load="argon2 m=65536 t=2 p=1" -h '{ARGON2}' -s secret
            {ARGON2}$argon2i$v=19$m=65536,t=2,p=1$6k6qplMAlOtq5kncGsue+Q$YfJM0LZbNuY8h32sSfwhQd4QbUnaaLbtsF967XZHgBs | secret
            # echo -n secret | argon2 somesaltsomesalt -id -t 2 -k 19456 -p 1 -l 32 -e
            {ARGON2}$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$14ukWqiThj4Xz77NYv01V28GbBZHY9AaZwsFswQFO0U | secret
            # echo -n 'pässwörd' | argon2 saltforutf8test -id -t 2 -k 19456 -p 1 -l 32 -e
            {ARGON2}$argon2id$v=19$m=19456,t=2,p=1$c2FsdGZvcnV0Zjh0ZXN0$xTfZHJ4ZQIowUIbjVUrSgMbEmdfERaea3MeQlwxg/u8 | pässwörd
            # echo -n secret | argon2 saltsaltsaltsalt -d -t 1 -k 8192 -p 2 -l 32 -e
            {ARGON2}$argon2d$v=19$m=8192,t=1,p=2$c2FsdHNhbHRzYWx0c2FsdA$cVuUcNgeUS7Wi4g3ZGY8k70YF0QlcS8Fd+maVuWCScs | secret
            # echo -n secret | argon2 differentsalt1234 -id -t 3 -m 12 -p 4 -l 24 -e   (24-byte hash, 4 lanes)
            {ARGON2}$argon2id$v=19$m=4096,t=3,p=4$ZGlmZmVyZW50c2FsdDEyMzQ$8DJj6BEybJAjYNeY/eCmRylQiSEBVvUK | secret
            # echo -n secret | argon2 somesaltsomesalt -i -v 10 -t 2 -k 4096 -p 1 -l 32 -e   (Argon2 version 1.0)
            {ARGON2}$argon2i$v=16$m=4096,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$FOyE5rKJfjwYMEyevF4D+e2BecBp0YaOsVWqDI4MZDc | secret
            # the previous value with "v=16$" removed by hand: libargon2 reads a missing version as 1.0
            {ARGON2}$argon2i$m=4096,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$FOyE5rKJfjwYMEyevF4D+e2BecBp0YaOsVWqDI4MZDc | secret
            # python3 -c 'import hashlib,base64; s=bytes(range(16)); d=hashlib.pbkdf2_hmac("sha256",b"secret",s,10000,32); ab=lambda b: base64.b64encode(b).decode().rstrip("=").replace("+","."); print("{PBKDF2-SHA256}10000$"+ab(s)+"$"+ab(d))'
            {PBKDF2-SHA256}10000$AAECAwQFBgcICQoLDA0ODw$OImOyGKQvA8WMIN8WwuclUZFDykpCY/RxWOLBTOe8fg | secret
            # python3 -c 'import hashlib,base64,os; s=os.urandom(16); d=hashlib.pbkdf2_hmac("sha256","pässwörd".encode(),s,10000,32); ab=lambda b: base64.b64encode(b).decode().rstrip("=").replace("+","."); print("{PBKDF2-SHA256}10000$"+ab(s)+"$"+ab(d))'   (has '.' for '+')
            {PBKDF2-SHA256}10000$SPVrhOqZFNEYHa8yjO.Y7w$nkqYqEvw5.A4HgCmrZgtAUn05tFI/ahw8BYt9ag/Tjc | pässwörd
            """)
    void acceptsRightPasswordRejectsWrongOne(String stored, String password) {
        byte[] value = stored.getBytes(UTF_8);

        assertThat(SCHEMES.isHashed(value)).isTrue();
        assertThat(SCHEMES.verify(password.getBytes(UTF_8), value)).isTrue();
        assertThat(SCHEMES.verify((password + "x").getBytes(UTF_8), value)).isFalse();
        assertThat(SCHEMES.verify("Secret".getBytes(UTF_8), value)).isFalse();
    }

    /**
     * One character of a vector above changed (in data bits, not base64 padding bits) must fail even with
     * the right password.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {SSHA}D1i6vd/5AQ3JEVso4K/iZrUoVeW29kQ8
            {SSHA256}YwLwf3GVHHilZR2wR0Wgn4y6D7+2Z5QcM0t3KWzW3vbeV1S2sw8akQ==
            {SHA}5en6G6MezRroT3XKqkdPOmY/BfU=
            {ARGON2}$argon2i$v=19$m=4096,t=3,p=1$6hCRNdsDImDYU+qJbT5xEA$9SR93aAAQc5dSzA/RkFQkZP8jU9VVm+fZqoCkuLsWZw
            {ARGON2}$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$24ukWqiThj4Xz77NYv01V28GbBZHY9AaZwsFswQFO0U
            {PBKDF2-SHA256}10000$AAECAwQFBgcICQoLDA0ODw$PImOyGKQvA8WMIN8WwuclUZFDykpCY/RxWOLBTOe8fg
            """)
    void tamperedValueFails(String stored) {
        assertThat(SCHEMES.verify("secret".getBytes(UTF_8), stored.getBytes(UTF_8)))
                .isFalse();
    }

    /** The same costs with a different variant or version give a different hash, so those must be read. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {ARGON2}$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$14ukWqiThj4Xz77NYv01V28GbBZHY9AaZwsFswQFO0U
            {ARGON2}$argon2id$v=16$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$14ukWqiThj4Xz77NYv01V28GbBZHY9AaZwsFswQFO0U
            {ARGON2}$argon2id$v=19$m=19456,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$14ukWqiThj4Xz77NYv01V28GbBZHY9AaZwsFswQFO0U
            {PBKDF2-SHA256}10001$AAECAwQFBgcICQoLDA0ODw$OImOyGKQvA8WMIN8WwuclUZFDykpCY/RxWOLBTOe8fg
            """)
    void parametersComeFromTheStoredValue(String stored) {
        assertThat(SCHEMES.verify("secret".getBytes(UTF_8), stored.getBytes(UTF_8)))
                .isFalse();
    }
}
