package dev.linden.observability;

import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import java.util.Locale;
import java.util.Map;

/** The names the logs, metrics and cn=monitor give to result codes, scopes and extended operations. */
public final class Names {
    private static final String[] RESULTS = new String[ResultCode.values().length];
    private static final Map<String, String> EXTENDED = Map.of(
            "1.3.6.1.4.1.4203.1.11.1", "passwordModify",
            "1.3.6.1.4.1.4203.1.11.3", "whoAmI",
            "1.3.6.1.4.1.1466.20037", "startTLS",
            "1.3.6.1.1.8", "cancel",
            "1.3.6.1.4.1.4203.1.11.2", "cancel-old");

    static {
        for (ResultCode c : ResultCode.values()) {
            StringBuilder sb = new StringBuilder();
            boolean upper = false;
            for (char ch : c.name().toLowerCase(Locale.ROOT).toCharArray()) {
                if (ch == '_') {
                    upper = true;
                } else {
                    sb.append(upper ? Character.toUpperCase(ch) : ch);
                    upper = false;
                }
            }
            RESULTS[c.ordinal()] = sb.toString();
        }
        RESULTS[ResultCode.E_SYNC_REFRESH_REQUIRED.ordinal()] = "e-syncRefreshRequired"; // RFC 4533's spelling
    }

    private Names() {}

    /** The RFC 4511 name of a result code: "invalidCredentials". */
    public static String result(ResultCode code) {
        return RESULTS[code.ordinal()];
    }

    public static String scope(SearchScope scope) {
        return switch (scope) {
            case BASE -> "base";
            case ONE -> "one";
            case SUB -> "sub";
            case SUBORDINATES -> "children";
        };
    }

    /** A known extended operation's name, or its OID. */
    public static String extended(String oid) {
        return EXTENDED.getOrDefault(oid, oid);
    }
}
