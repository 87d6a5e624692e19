package dev.linden.protocol;

import java.util.List;

/** The LDAPResult every response carries (RFC 4511 section 4.1.9). */
public record LdapResult(ResultCode code, String matchedDn, String diagnosticMessage, List<String> referrals) {
    public LdapResult {
        matchedDn = matchedDn == null ? "" : matchedDn;
        diagnosticMessage = diagnosticMessage == null ? "" : diagnosticMessage;
        referrals = referrals == null ? List.of() : List.copyOf(referrals);
    }

    public static LdapResult success() {
        return new LdapResult(ResultCode.SUCCESS, "", "", List.of());
    }

    public static LdapResult of(ResultCode code, String message) {
        return new LdapResult(code, "", message, List.of());
    }
}
