package dev.linden.core.ppolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10ErrorType;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10ResponseControl;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10WarningType;
import dev.linden.core.Oids;
import dev.linden.protocol.ber.BerException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The response control's encoding, byte for byte and against the UnboundID SDK's independent implementation. */
class PasswordPolicyControlTest {

    private static DraftBeheraLDAPPasswordPolicy10ResponseControl unboundid(PasswordPolicyControl c) throws Exception {
        return new DraftBeheraLDAPPasswordPolicy10ResponseControl(
                Oids.PASSWORD_POLICY, false, new ASN1OctetString(c.encode()));
    }

    @Test
    void knownBytes() {
        assertThat(HexFormat.of().formatHex(PasswordPolicyControl.none().encode()))
                .isEqualTo("3000");
        // error [1] ENUMERATED accountLocked(1)
        assertThat(HexFormat.of()
                        .formatHex(PasswordPolicyControl.error(PolicyError.ACCOUNT_LOCKED)
                                .encode()))
                .isEqualTo("3003810101");
        // warning [0] { timeBeforeExpiration [0] 300 }
        assertThat(HexFormat.of().formatHex(PasswordPolicyControl.expiresIn(300).encode()))
                .isEqualTo("3006a0048002012c");
        // warning [0] { graceAuthNsRemaining [1] 2 }, error changeAfterReset(2)
        assertThat(HexFormat.of().formatHex(new PasswordPolicyControl(-1, 2, PolicyError.CHANGE_AFTER_RESET).encode()))
                .isEqualTo("3008a0038101028101" + "02");
    }

    @Test
    void unboundidReadsWhatWeWrite() throws Exception {
        DraftBeheraLDAPPasswordPolicy10ResponseControl locked =
                unboundid(PasswordPolicyControl.error(PolicyError.ACCOUNT_LOCKED));
        assertThat(locked.getErrorType()).isEqualTo(DraftBeheraLDAPPasswordPolicy10ErrorType.ACCOUNT_LOCKED);
        assertThat(locked.getWarningType()).isNull();

        DraftBeheraLDAPPasswordPolicy10ResponseControl expiring = unboundid(PasswordPolicyControl.expiresIn(86_400));
        assertThat(expiring.getWarningType())
                .isEqualTo(DraftBeheraLDAPPasswordPolicy10WarningType.TIME_BEFORE_EXPIRATION);
        assertThat(expiring.getWarningValue()).isEqualTo(86_400);
        assertThat(expiring.getErrorType()).isNull();

        DraftBeheraLDAPPasswordPolicy10ResponseControl grace =
                unboundid(new PasswordPolicyControl(-1, 0, PolicyError.CHANGE_AFTER_RESET));
        assertThat(grace.getWarningType()).isEqualTo(DraftBeheraLDAPPasswordPolicy10WarningType.GRACE_LOGINS_REMAINING);
        assertThat(grace.getWarningValue()).isZero();
        assertThat(grace.getErrorType()).isEqualTo(DraftBeheraLDAPPasswordPolicy10ErrorType.CHANGE_AFTER_RESET);

        for (PolicyError e : PolicyError.values()) {
            assertThat(unboundid(PasswordPolicyControl.error(e)).getErrorType().intValue())
                    .isEqualTo(e.code());
        }
    }

    @Test
    void weReadWhatUnboundidWrites() throws Exception {
        for (DraftBeheraLDAPPasswordPolicy10ErrorType type : DraftBeheraLDAPPasswordPolicy10ErrorType.values()) {
            byte[] value = new DraftBeheraLDAPPasswordPolicy10ResponseControl(null, -1, type)
                    .getValue()
                    .getValue();
            assertThat(PasswordPolicyControl.decode(value).error().code()).isEqualTo(type.intValue());
        }
        byte[] warning = new DraftBeheraLDAPPasswordPolicy10ResponseControl(
                        DraftBeheraLDAPPasswordPolicy10WarningType.TIME_BEFORE_EXPIRATION,
                        1_000_000,
                        DraftBeheraLDAPPasswordPolicy10ErrorType.PASSWORD_EXPIRED)
                .getValue()
                .getValue();
        assertThat(PasswordPolicyControl.decode(warning))
                .isEqualTo(new PasswordPolicyControl(1_000_000, -1, PolicyError.PASSWORD_EXPIRED));
        byte[] grace = new DraftBeheraLDAPPasswordPolicy10ResponseControl(
                        DraftBeheraLDAPPasswordPolicy10WarningType.GRACE_LOGINS_REMAINING, 3, null)
                .getValue()
                .getValue();
        assertThat(PasswordPolicyControl.decode(grace)).isEqualTo(PasswordPolicyControl.graceRemaining(3));
    }

    @Test
    void roundTrips() throws Exception {
        for (PasswordPolicyControl c : new PasswordPolicyControl[] {
            PasswordPolicyControl.none(),
            PasswordPolicyControl.expiresIn(0),
            PasswordPolicyControl.expiresIn(Integer.MAX_VALUE),
            PasswordPolicyControl.graceRemaining(5),
            new PasswordPolicyControl(7, -1, PolicyError.PASSWORD_IN_HISTORY)
        }) {
            assertThat(PasswordPolicyControl.decode(c.encode())).isEqualTo(c);
        }
    }

    @Test
    void malformedValuesAreRefused() {
        HexFormat hex = HexFormat.of();
        for (String bad : new String[] {
            "", "30", "3003810109", "3003810101ff", "0400", "3005a003820101", "3005a0038001ff", "3006a004800101ff"
        }) {
            assertThatThrownBy(() -> PasswordPolicyControl.decode(hex.parseHex(bad)))
                    .as(bad)
                    .isInstanceOf(BerException.class);
        }
        assertThatThrownBy(() -> new PasswordPolicyControl(1, 1, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
