package dev.linden.core.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.model.LdapException;
import dev.linden.protocol.ResultCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScramMessagesTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void clientFirstWithoutChannelBinding() throws Exception {
        var first = ScramMessages.parseClientFirst(b("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        assertThat(first.gs2Header()).isEqualTo("n,,");
        assertThat(first.authzId()).isNull();
        assertThat(first.username()).isEqualTo("user");
        assertThat(first.nonce()).isEqualTo("rOprNGfwEbeRWgbNEkqO");
        assertThat(first.bare()).isEqualTo("n=user,r=rOprNGfwEbeRWgbNEkqO");
    }

    @Test
    void clientFirstWithAuthzIdEscapesAndExtensions() throws Exception {
        var first = ScramMessages.parseClientFirst(
                b("y,a=dn:uid=3Dbob=2Cdc=3Dexample,n=dn:cn=3Da=3Db=2Cdc=3Dx,r=abc,x=ext"));
        assertThat(first.gs2Header()).isEqualTo("y,a=dn:uid=3Dbob=2Cdc=3Dexample,");
        assertThat(first.authzId()).isEqualTo("dn:uid=bob,dc=example");
        assertThat(first.username()).isEqualTo("dn:cn=a=b,dc=x");
        assertThat(first.bare()).isEqualTo("n=dn:cn=3Da=3Db=2Cdc=3Dx,r=abc,x=ext");
    }

    @Test
    void channelBindingIsRefusedClearly() {
        assertThatThrownBy(() -> ScramMessages.parseClientFirst(b("p=tls-unique,,n=user,r=abc")))
                .isInstanceOfSatisfying(LdapException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
                    assertThat(e.getMessage()).contains("channel binding is not supported");
                });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "n",
                "n,",
                "x,,n=user,r=abc",
                "n,,",
                "n,,r=abc",
                "n,,n=user",
                "n,,n=user,s=abc",
                "n,,n=,r=abc",
                "n,,n=user,r=",
                "n,,n=us=er,r=abc",
                "n,,n=us=2,r=abc",
                "n,,m=ext,n=user,r=abc",
                "n,b=x,n=user,r=abc",
                "n,a=,n=user,r=abc",
                "n,,n=user,r=ab\u00e9c",
                "n,,n=user,r=abc,bad",
                "n,,n=user,r=abc,",
                "n,,n=user,r=a b"
            })
    void malformedClientFirstIsInvalidCredentials(String message) {
        assertThatThrownBy(() -> ScramMessages.parseClientFirst(b(message)))
                .isInstanceOfSatisfying(
                        LdapException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
    }

    @Test
    void clientFirstThatIsNotUtf8() {
        assertThatThrownBy(() -> ScramMessages.parseClientFirst(
                        new byte[] {'n', ',', ',', 'n', '=', (byte) 0xff, ',', 'r', '=', 'a'}))
                .isInstanceOfSatisfying(
                        LdapException.class, e -> assertThat(e.getMessage()).contains("UTF-8"));
        assertThatThrownBy(() -> ScramMessages.parseClientFirst(null)).isInstanceOf(LdapException.class);
    }

    @Test
    void clientFinal() throws Exception {
        var fin = ScramMessages.parseClientFinal(b("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        assertThat(fin.channelBinding()).isEqualTo(b("n,,"));
        assertThat(fin.nonce()).isEqualTo("rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
        assertThat(fin.proof()).hasSize(32);
        assertThat(fin.withoutProof()).isEqualTo("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "c=biws,r=abc",
                "c=biws,r=abc,p=",
                "c=biws,r=abc,p=!!notbase64!!",
                "c=biws,r=abc,p=AAAA",
                "r=abc,c=biws,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
                "c=%%%,r=abc,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
                "c=biws,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
                "c=biws,r=,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
                "c=biws,r=abc,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=,x=after"
            })
    void malformedClientFinalIsInvalidCredentials(String message) {
        assertThatThrownBy(() -> ScramMessages.parseClientFinal(b(message)))
                .isInstanceOfSatisfying(
                        LdapException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
    }

    @Test
    void serverMessages() {
        assertThat(ScramMessages.serverFirst("abc", new byte[] {1, 2, 3}, 4096)).isEqualTo("r=abc,s=AQID,i=4096");
        assertThat(ScramMessages.serverFinal(new byte[] {1, 2, 3})).isEqualTo("v=AQID");
        assertThat(ScramMessages.encodeName("a=b,c")).isEqualTo("a=3Db=2Cc");
    }
}
