package dev.linden.model;

import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.filter.FilterSyntaxException;
import dev.linden.protocol.filter.FilterText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The search part of an LDAP URL (RFC 4516), {@code ldap:///ou=people,dc=example,dc=com??sub?(title=*)},
 * as a dynamic group's memberURL names its members. The host must be empty or this server; the
 * scope defaults to base and the filter to (objectClass=*), as the RFC says.
 */
public record LdapUrl(Dn base, SearchScope scope, Filter filter) {

    public static LdapUrl parse(String url, Schema schema) throws LdapException {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("ldap://")) {
            throw invalid(url, "not an ldap:// URL");
        }
        String rest = url.substring("ldap://".length());
        int slash = rest.indexOf('/');
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        String[] parts = path.split("\\?", -1);
        Dn base = DnSyntax.parse(decode(parts[0], url), schema);
        SearchScope scope = SearchScope.BASE;
        if (parts.length > 2 && !parts[2].isEmpty()) {
            scope = switch (parts[2].toLowerCase(Locale.ROOT)) {
                case "base" -> SearchScope.BASE;
                case "one" -> SearchScope.ONE;
                case "sub" -> SearchScope.SUB;
                case "subordinates" -> SearchScope.SUBORDINATES;
                default -> throw invalid(url, "unknown scope " + parts[2]);
            };
        }
        Filter filter = new Filter.Present("objectClass");
        if (parts.length > 3 && !parts[3].isEmpty()) {
            try {
                filter = FilterText.parse(decode(parts[3], url));
            } catch (FilterSyntaxException e) {
                throw invalid(url, e.getMessage());
            }
        }
        return new LdapUrl(base, scope, filter);
    }

    /** Whether an entry's DN lies in this URL's scope. */
    public boolean inScope(Dn dn) {
        return switch (scope) {
            case BASE -> dn.equals(base);
            case ONE -> base.equals(dn.parent());
            case SUB -> dn.isWithin(base);
            case SUBORDINATES -> dn.isWithin(base) && !dn.equals(base);
        };
    }

    private static String decode(String s, String url) throws LdapException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw invalid(url, "incomplete % escape");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw invalid(url, "invalid % escape");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static LdapException invalid(String url, String why) {
        return new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "invalid LDAP URL " + url + ": " + why);
    }
}
