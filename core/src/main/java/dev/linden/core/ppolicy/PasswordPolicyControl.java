package dev.linden.core.ppolicy;

import dev.linden.core.Oids;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;

/**
 * The password policy response control (draft-behera-ldap-password-policy, section 6.2):
 * <pre>
 * PasswordPolicyResponseValue ::= SEQUENCE {
 *     warning [0] CHOICE {
 *         timeBeforeExpiration [0] INTEGER (0 .. maxInt),
 *         graceAuthNsRemaining [1] INTEGER (0 .. maxInt) } OPTIONAL,
 *     error   [1] ENUMERATED { passwordExpired (0), ... passwordInHistory (8) } OPTIONAL }
 * </pre>
 * The request control has the same OID and no value. At most one of the two warnings is set.
 *
 * @param timeBeforeExpiration seconds until the password expires, or -1
 * @param graceAuthNsRemaining binds left with the expired password, or -1
 * @param error the error, or null
 */
public record PasswordPolicyControl(long timeBeforeExpiration, long graceAuthNsRemaining, PolicyError error) {
    private static final int WARNING = 0xA0; // [0] constructed: a tagged CHOICE is explicit
    private static final int TIME_BEFORE_EXPIRATION = 0x80;
    private static final int GRACE_AUTHNS_REMAINING = 0x81;
    private static final int ERROR = 0x81;

    public PasswordPolicyControl {
        if (timeBeforeExpiration >= 0 && graceAuthNsRemaining >= 0) {
            throw new IllegalArgumentException("only one warning may be given");
        }
    }

    public static PasswordPolicyControl none() {
        return new PasswordPolicyControl(-1, -1, null);
    }

    public static PasswordPolicyControl error(PolicyError error) {
        return new PasswordPolicyControl(-1, -1, error);
    }

    public static PasswordPolicyControl expiresIn(long seconds) {
        return new PasswordPolicyControl(Math.max(0, seconds), -1, null);
    }

    public static PasswordPolicyControl graceRemaining(long count) {
        return new PasswordPolicyControl(-1, Math.max(0, count), null);
    }

    /** Whether the request carries the password policy request control. */
    public static boolean requested(LdapMessage request) {
        for (Control c : request.controls()) {
            if (c.oid().equals(Oids.PASSWORD_POLICY)) {
                return true;
            }
        }
        return false;
    }

    public byte[] encode() {
        BerWriter w = new BerWriter(16).begin(BerTags.SEQUENCE);
        if (timeBeforeExpiration >= 0) {
            w.begin(WARNING)
                    .integer(TIME_BEFORE_EXPIRATION, timeBeforeExpiration)
                    .end();
        } else if (graceAuthNsRemaining >= 0) {
            w.begin(WARNING)
                    .integer(GRACE_AUTHNS_REMAINING, graceAuthNsRemaining)
                    .end();
        }
        if (error != null) {
            w.integer(ERROR, error.code()); // ENUMERATED, implicitly tagged: same contents as INTEGER
        }
        return w.end().toByteArray();
    }

    public Control toControl() {
        return new Control(Oids.PASSWORD_POLICY, false, encode());
    }

    public static PasswordPolicyControl decode(byte[] value) throws BerException {
        BerReader whole = new BerReader(value);
        BerReader r = whole.readSequence(BerTags.SEQUENCE);
        whole.expectEnd("the password policy control value");
        long time = -1;
        long grace = -1;
        PolicyError error = null;
        if (r.hasMore() && r.peekTag() == WARNING) {
            BerReader warning = r.readSequence(WARNING);
            if (warning.peekTag() == TIME_BEFORE_EXPIRATION) {
                time = warning.readInteger(TIME_BEFORE_EXPIRATION);
            } else {
                grace = warning.readInteger(GRACE_AUTHNS_REMAINING);
            }
            warning.expectEnd("the password policy warning");
            if (time < -1 || grace < -1 || (time == -1 && grace == -1)) {
                throw new BerException("negative password policy warning");
            }
        }
        if (r.hasMore() && r.peekTag() == ERROR) {
            long code = r.readInteger(ERROR);
            error = PolicyError.of(code);
            if (error == null) {
                throw new BerException("unknown password policy error " + code);
            }
        }
        r.expectEnd("the password policy response");
        return new PasswordPolicyControl(time, grace, error);
    }
}
