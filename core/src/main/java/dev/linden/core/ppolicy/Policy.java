package dev.linden.core.ppolicy;

import dev.linden.model.Entry;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import java.util.Locale;

/**
 * One password policy (draft-behera-ldap-password-policy, section 5.2): from the configuration (the
 * default policy) or from a {@code pwdPolicy} entry named by an account's {@code pwdPolicySubentry}.
 * Durations are in seconds; 0 turns the rule off, except {@code lockoutDuration} 0, which locks until
 * an administrator unlocks.
 *
 * @param minAge seconds before a user may change the password again
 * @param maxAge seconds after a change that the password expires (0: never)
 * @param inHistory how many previous passwords are kept and refused (0: none)
 * @param checkQuality 0 no quality checks; 1 check when possible (a value the client hashed passes);
 *     2 check always (a value the client hashed is refused)
 * @param minLength fewest characters in a new password (checked when checkQuality is 1 or 2)
 * @param expireWarning seconds before expiry from which a bind returns a warning (0: none)
 * @param graceAuthNLimit binds allowed with an expired password (0: none)
 * @param mustChange after an administrator sets a password, the user must change it before anything else
 * @param allowUserChange users may change their own password
 * @param safeModify users must give their current password to change it
 * @param lockout lock the account after maxFailure failed binds
 * @param lockoutDuration seconds a lockout lasts (0: until an administrator unlocks)
 * @param maxFailure failed binds that lock the account
 * @param failureCountInterval seconds after which a failed bind no longer counts (0: until a successful bind)
 */
public record Policy(
        int minAge,
        int maxAge,
        int inHistory,
        int checkQuality,
        int minLength,
        int expireWarning,
        int graceAuthNLimit,
        boolean mustChange,
        boolean allowUserChange,
        boolean safeModify,
        boolean lockout,
        int lockoutDuration,
        int maxFailure,
        int failureCountInterval) {

    /**
     * Linden's default policy: 8 characters, 5 kept; no lockout, as in OpenLDAP, since a stored lockout
     * lets anyone who can reach the server lock any account (guessing is slowed by the bind throttle,
     * which spares the owner's familiar addresses). Turned on, it locks after 5 failures in 5 minutes
     * for 15 minutes. No must-change after an administrator's reset, as OpenLDAP's pwdMustChange: a
     * reset by the administrator is usually the end of a help-desk call, and the user's next search
     * must work.
     */
    public static final Policy DEFAULT = new Policy(0, 0, 5, 2, 8, 0, 0, false, true, false, false, 900, 5, 300);

    /** The draft's value for each attribute a pwdPolicy entry leaves out. */
    public static final Policy DRAFT_DEFAULTS = new Policy(0, 0, 0, 0, 0, 0, 0, false, true, false, false, 0, 0, 0);

    public Policy {
        if (checkQuality < 0 || checkQuality > 2) {
            throw new IllegalArgumentException("checkQuality must be 0, 1 or 2, not " + checkQuality);
        }
        for (int v : new int[] {
            minAge,
            maxAge,
            inHistory,
            minLength,
            expireWarning,
            graceAuthNLimit,
            lockoutDuration,
            maxFailure,
            failureCountInterval
        }) {
            if (v < 0) {
                throw new IllegalArgumentException("password policy values cannot be negative");
            }
        }
    }

    /** Whether failed binds are recorded in the entry and lock it. */
    public boolean locksOut() {
        return lockout && maxFailure > 0;
    }

    /**
     * The policy held by a {@code pwdPolicy} entry, read with the draft's attribute names as OpenLDAP's
     * ppolicy overlay does; absent or unreadable values take the draft's defaults.
     */
    public static Policy fromEntry(Entry entry, Schema schema) {
        Policy d = DRAFT_DEFAULTS;
        int quality = integer(entry, schema, "pwdCheckQuality", d.checkQuality);
        return new Policy(
                integer(entry, schema, "pwdMinAge", d.minAge),
                integer(entry, schema, "pwdMaxAge", d.maxAge),
                integer(entry, schema, "pwdInHistory", d.inHistory),
                quality < 0 || quality > 2 ? d.checkQuality : quality,
                integer(entry, schema, "pwdMinLength", d.minLength),
                integer(entry, schema, "pwdExpireWarning", d.expireWarning),
                integer(entry, schema, "pwdGraceAuthNLimit", d.graceAuthNLimit),
                bool(entry, schema, "pwdMustChange", d.mustChange),
                bool(entry, schema, "pwdAllowUserChange", d.allowUserChange),
                bool(entry, schema, "pwdSafeModify", d.safeModify),
                bool(entry, schema, "pwdLockout", d.lockout),
                integer(entry, schema, "pwdLockoutDuration", d.lockoutDuration),
                integer(entry, schema, "pwdMaxFailure", d.maxFailure),
                integer(entry, schema, "pwdFailureCountInterval", d.failureCountInterval));
    }

    private static int integer(Entry entry, Schema schema, String name, int fallback) {
        String v = first(entry, schema, name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.strip());
            return n < 0 ? fallback : (int) Math.min(n, Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static boolean bool(Entry entry, Schema schema, String name, boolean fallback) {
        String v = first(entry, schema, name);
        return v == null ? fallback : v.strip().toUpperCase(Locale.ROOT).equals("TRUE");
    }

    private static String first(Entry entry, Schema schema, String name) {
        AttributeType type = schema.attributeType(name);
        return type == null ? null : entry.firstString(type);
    }
}
