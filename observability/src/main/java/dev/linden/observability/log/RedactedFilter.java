package dev.linden.observability.log;

import dev.linden.model.schema.SecretAttributes;
import dev.linden.protocol.filter.Filter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A filter in its RFC 4515 string form for the logs, with the assertion values on secret
 * attributes replaced by {@value #REDACTED}: {@code (userPassword=guess)} must never reach a file.
 * Presence tests keep their form ({@code (userPassword=*)} discloses nothing).
 */
public final class RedactedFilter {
    public static final String REDACTED = "<redacted>";
    private static final int MAX_LENGTH = 4096;

    private RedactedFilter() {}

    public static String format(Filter filter, SecretAttributes secrets) {
        StringBuilder sb = new StringBuilder(48);
        format(filter, secrets, sb);
        if (sb.length() > MAX_LENGTH) {
            sb.setLength(MAX_LENGTH);
            sb.append("...");
        }
        return sb.toString();
    }

    private static void format(Filter filter, SecretAttributes secrets, StringBuilder sb) {
        if (sb.length() > MAX_LENGTH) {
            return;
        }
        sb.append('(');
        switch (filter) {
            case Filter.And and -> {
                sb.append('&');
                and.filters().forEach(f -> format(f, secrets, sb));
            }
            case Filter.Or or -> {
                sb.append('|');
                or.filters().forEach(f -> format(f, secrets, sb));
            }
            case Filter.Not not -> {
                sb.append('!');
                format(not.filter(), secrets, sb);
            }
            case Filter.Equality eq -> item(sb, eq.attribute(), "=", eq.value(), secrets);
            case Filter.GreaterOrEqual ge -> item(sb, ge.attribute(), ">=", ge.value(), secrets);
            case Filter.LessOrEqual le -> item(sb, le.attribute(), "<=", le.value(), secrets);
            case Filter.Approx ap -> item(sb, ap.attribute(), "~=", ap.value(), secrets);
            case Filter.Present p -> sb.append(p.attribute()).append("=*");
            case Filter.Substrings s -> {
                sb.append(s.attribute()).append('=');
                if (secrets.isSecret(s.attribute())) {
                    sb.append(REDACTED);
                } else {
                    if (s.initial() != null) {
                        escape(sb, s.initial());
                    }
                    sb.append('*');
                    for (byte[] any : s.any()) {
                        escape(sb, any);
                        sb.append('*');
                    }
                    if (s.fin() != null) {
                        escape(sb, s.fin());
                    }
                }
            }
            case Filter.Extensible x -> {
                if (x.attribute() != null) {
                    sb.append(x.attribute());
                }
                if (x.dnAttributes()) {
                    sb.append(":dn");
                }
                if (x.matchingRule() != null) {
                    sb.append(':').append(x.matchingRule());
                }
                sb.append(":=");
                if (x.attribute() == null || secrets.isSecret(x.attribute())) {
                    sb.append(REDACTED); // without an attribute the rule may match any, secrets included
                } else {
                    escape(sb, x.value());
                }
            }
        }
        sb.append(')');
    }

    private static void item(StringBuilder sb, String attribute, String op, byte[] value, SecretAttributes secrets) {
        sb.append(attribute).append(op);
        if (secrets.isSecret(attribute)) {
            sb.append(REDACTED);
        } else {
            escape(sb, value);
        }
    }

    /** RFC 4515 escaping: the specials and NUL as \xx, and every byte of a value that is not UTF-8 text. */
    static void escape(StringBuilder sb, byte[] value) {
        boolean ascii = true;
        for (byte b : value) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            for (byte b : value) {
                append(sb, (char) b);
            }
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            for (byte b : value) {
                sb.append('\\').append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
            }
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            append(sb, text.charAt(i));
        }
    }

    private static void append(StringBuilder sb, char c) {
        switch (c) {
            case '*' -> sb.append("\\2a");
            case '(' -> sb.append("\\28");
            case ')' -> sb.append("\\29");
            case '\\' -> sb.append("\\5c");
            case 0 -> sb.append("\\00");
            default -> sb.append(c);
        }
    }
}
