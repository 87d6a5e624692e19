package dev.linden.core.referral;

import dev.linden.model.Dn;
import dev.linden.protocol.SearchScope;
import java.nio.charset.StandardCharsets;

/**
 * Rewrites a ref URL (RFC 4516 form) for one target, as slapd's referral_rewrite does: a URL naming a
 * DN gets the target's RDNs below the referral object put in front of it; a URL without one gets the
 * target's whole DN; a search's scope is added ("??sub"). Whatever else the URL held after its DN is
 * dropped: the continuation is a new search the client makes.
 */
final class RefUrl {
    private RefUrl() {}

    /**
     * @param url the ref value
     * @param relative the target's RDNs below the referral object ("" for the object itself)
     * @param target the target's whole DN
     * @param scope the scope to name, or null for an operation other than a search
     */
    static String rewrite(String url, String relative, Dn target, SearchScope scope) {
        int schemeEnd = url.indexOf("://");
        int slash = schemeEnd < 0 ? -1 : url.indexOf('/', schemeEnd + 3);
        String hostPart = slash < 0 ? url : url.substring(0, slash);
        String dn = "";
        if (slash >= 0) {
            String path = url.substring(slash + 1);
            int q = path.indexOf('?');
            dn = decode(q < 0 ? path : path.substring(0, q));
        }
        String newDn = dn.isEmpty() ? target.toString() : relative.isEmpty() ? dn : relative + "," + dn;
        StringBuilder out = new StringBuilder(hostPart).append('/').append(encode(newDn));
        if (scope != null) {
            out.append("??")
                    .append(
                            switch (scope) {
                                case BASE -> "base";
                                case ONE -> "one";
                                case SUB -> "sub";
                                case SUBORDINATES -> "subordinates";
                            });
        }
        return out.toString();
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                try {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                } catch (NumberFormatException | IndexOutOfBoundsException e) {
                    // not an escape: kept as it is
                }
            }
            out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Percent-encodes what may not stand in a URL's DN part (RFC 4516 2.1). */
    private static String encode(String dn) {
        StringBuilder sb = new StringBuilder();
        for (byte b : dn.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
            if (plain) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }
}
