package dev.linden.core.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScramCredentialsTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 7677 section 3: user "user", password "pencil". */
    @Test
    void rfc7677TestVector() {
        byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        ScramCredentials c = ScramCredentials.derive(b("pencil"), salt, 4096);
        String authMessage = "n=user,r=rOprNGfwEbeRWgbNEkqO,"
                + "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
                + "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        byte[] salted = ScramCredentials.saltedPassword(b("pencil"), salt, 4096);
        byte[] clientKey = ScramCredentials.hmac(salted, b("Client Key"));
        byte[] proof = ScramCredentials.hmac(c.storedKey(), b(authMessage));
        for (int i = 0; i < proof.length; i++) {
            proof[i] ^= clientKey[i];
        }
        assertThat(Base64.getEncoder().encodeToString(proof)).isEqualTo("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        assertThat(Base64.getEncoder().encodeToString(ScramCredentials.hmac(c.serverKey(), b(authMessage))))
                .isEqualTo("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    void authPasswordRoundTrip() {
        ScramCredentials c = ScramCredentials.derive(b("secret"));
        String value = c.toAuthPassword();
        assertThat(value).matches("SCRAM-SHA-256\\$4096:[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=");
        assertThat(ScramCredentials.parse(b(value))).isEqualTo(c);
        // RFC 3112: the scheme is case-insensitive and "$" may have spaces around it
        assertThat(ScramCredentials.parse(b(" scram-sha-256 $ "
                        + value.substring(value.indexOf('$') + 1).replace("$", " $ ") + " ")))
                .isEqualTo(c);
        assertThat(c.matches(b("secret"))).isTrue();
        assertThat(c.matches(b("Secret"))).isFalse();
        assertThat(c.matches(new byte[0])).isFalse();
        assertThat(c.toString()).doesNotContain(Base64.getEncoder().encodeToString(c.storedKey()));
    }

    @Test
    void freshSaltEachTime() {
        assertThat(ScramCredentials.derive(b("same")).salt())
                .isNotEqualTo(ScramCredentials.derive(b("same")).salt());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "SCRAM-SHA-256",
                "SCRAM-SHA-1$4096:c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "SCRAM-SHA-256$4096:c2FsdA==$short:short",
                "SCRAM-SHA-256$x:c2FsdA==$"
                        + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "SCRAM-SHA-256$0:c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "SCRAM-SHA-256$999999999:c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "SCRAM-SHA-256$4096:!!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "SCRAM-SHA-256$4096:$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "SCRAM-SHA-256$4096:c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "SCRAM-SHA-256$4096:c2FsdA==:x$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "{SSHA}6R5cNtHjbuPvj+0T7dUdc0ihXPu0rZea"
            })
    void malformedValuesAreNotCredentials(String value) {
        assertThat(ScramCredentials.parse(b(value))).isNull();
    }

    @Test
    void saslPrepMapsSpacesAndNormalises() {
        byte[] salt = {1, 2, 3, 4};
        // U+00A0 no-break space maps to a space; U+00AD soft hyphen maps to nothing; NFKC folds the ligature
        assertThat(ScramCredentials.derive(b("pass\u00A0wo\u00ADrd"), salt, 4096))
                .isEqualTo(ScramCredentials.derive(b("pass word"), salt, 4096));
        assertThat(ScramCredentials.derive(b("\uFB01sh"), salt, 4096))
                .isEqualTo(ScramCredentials.derive(b("fish"), salt, 4096));
        // bytes that are not UTF-8 are used as they are
        assertThat(ScramCredentials.derive(new byte[] {(byte) 0xff, 'a'}, salt, 10))
                .isNotNull();
    }
}
