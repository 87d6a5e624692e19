package dev.linden.protocol.filter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The string representation of search filters (RFC 4515): parsing and formatting. */
public final class FilterText {
    private final String text;
    private int pos;

    private FilterText(String text) {
        this.text = text;
    }

    public static Filter parse(String text) throws FilterSyntaxException {
        String trimmed = text.strip();
        if (!trimmed.startsWith("(")) {
            trimmed = "(" + trimmed + ")"; // like the OpenLDAP tools, accept "uid=x" for "(uid=x)"
        }
        FilterText parser = new FilterText(trimmed);
        Filter filter = parser.filter(0);
        if (parser.pos != trimmed.length()) {
            throw new FilterSyntaxException("unexpected text after the filter at position " + parser.pos);
        }
        return filter;
    }

    private Filter filter(int depth) throws FilterSyntaxException {
        if (depth > Filter.MAX_DEPTH) {
            throw new FilterSyntaxException("filter nested deeper than " + Filter.MAX_DEPTH);
        }
        expect('(');
        if (pos >= text.length()) {
            throw new FilterSyntaxException("filter ends after '('");
        }
        Filter result = switch (text.charAt(pos)) {
            case '&' -> {
                pos++;
                yield new Filter.And(list(depth));
            }
            case '|' -> {
                pos++;
                yield new Filter.Or(list(depth));
            }
            case '!' -> {
                pos++;
                yield new Filter.Not(filter(depth + 1));
            }
            default -> item();
        };
        expect(')');
        return result;
    }

    private List<Filter> list(int depth) throws FilterSyntaxException {
        List<Filter> filters = new ArrayList<>();
        while (pos < text.length() && text.charAt(pos) == '(') {
            filters.add(filter(depth + 1));
        }
        return filters;
    }

    private void expect(char c) throws FilterSyntaxException {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw new FilterSyntaxException("'" + c + "' expected at position " + pos);
        }
        pos++;
    }

    private Filter item() throws FilterSyntaxException {
        int start = pos;
        while (pos < text.length() && "=~<>:()".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String attr = text.substring(start, pos);
        if (pos >= text.length()) {
            throw new FilterSyntaxException("filter item without an operator");
        }
        char op = text.charAt(pos);
        if (op == ':') {
            return extensible(attr);
        }
        checkAttribute(attr);
        switch (op) {
            case '~', '<', '>' -> {
                pos++;
                expect('=');
                byte[] value = value(false);
                return switch (op) {
                    case '~' -> new Filter.Approx(attr, value);
                    case '<' -> new Filter.LessOrEqual(attr, value);
                    default -> new Filter.GreaterOrEqual(attr, value);
                };
            }
            case '=' -> {
                pos++;
                return equalityOrSubstring(attr);
            }
            default -> throw new FilterSyntaxException("unexpected '" + op + "' at position " + pos);
        }
    }

    private Filter equalityOrSubstring(String attr) throws FilterSyntaxException {
        List<byte[]> parts = new ArrayList<>();
        parts.add(value(true));
        while (pos < text.length() && text.charAt(pos) == '*') {
            pos++;
            parts.add(value(true));
        }
        if (parts.size() == 1) {
            return new Filter.Equality(attr, parts.get(0));
        }
        if (parts.size() == 2 && parts.get(0).length == 0 && parts.get(1).length == 0) {
            return new Filter.Present(attr);
        }
        byte[] initial = parts.get(0).length == 0 ? null : parts.get(0);
        byte[] fin = parts.get(parts.size() - 1).length == 0 ? null : parts.get(parts.size() - 1);
        List<byte[]> any = new ArrayList<>();
        for (int i = 1; i < parts.size() - 1; i++) {
            if (parts.get(i).length == 0) {
                throw new FilterSyntaxException("empty substring between two '*'");
            }
            any.add(parts.get(i));
        }
        return new Filter.Substrings(attr, initial, any, fin);
    }

    private Filter extensible(String attr) throws FilterSyntaxException {
        boolean dnAttributes = false;
        String rule = null;
        // attr is what came before the first ':'; then ":dn", ":rule" in that order, then ":="
        while (true) {
            expect(':');
            if (pos < text.length() && text.charAt(pos) == '=') {
                pos++;
                break;
            }
            int start = pos;
            while (pos < text.length()
                    && text.charAt(pos) != ':'
                    && text.charAt(pos) != '='
                    && text.charAt(pos) != ')') {
                pos++;
            }
            String word = text.substring(start, pos);
            if (word.equalsIgnoreCase("dn") && !dnAttributes && rule == null) {
                dnAttributes = true;
            } else if (rule == null && !word.isEmpty()) {
                checkAttribute(word);
                rule = word;
            } else {
                throw new FilterSyntaxException("malformed extensible match near position " + start);
            }
        }
        if (attr.isEmpty() && rule == null) {
            throw new FilterSyntaxException("extensible match needs an attribute or a matching rule");
        }
        if (!attr.isEmpty()) {
            checkAttribute(attr);
        }
        return new Filter.Extensible(rule, attr.isEmpty() ? null : attr, value(false), dnAttributes);
    }

    private static void checkAttribute(String attr) throws FilterSyntaxException {
        if (attr.isEmpty()) {
            throw new FilterSyntaxException("missing attribute description");
        }
        for (int i = 0; i < attr.length(); i++) {
            char c = attr.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == ';'
                    || c == '.'
                    || c == '_';
            if (!ok) {
                throw new FilterSyntaxException(
                        "invalid character '" + c + "' in attribute description \"" + attr + "\"");
            }
        }
    }

    /** Reads an assertion value up to ')' (or '*' when {@code stopAtStar}), decoding \XX escapes. */
    private byte[] value(boolean stopAtStar) throws FilterSyntaxException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ')' || (c == '*' && stopAtStar)) {
                break;
            }
            if (c == '(' || (c == '*')) {
                throw new FilterSyntaxException("unescaped '" + c + "' in value at position " + pos);
            }
            if (c == '\\') {
                if (pos + 2 >= text.length()) {
                    throw new FilterSyntaxException("incomplete escape at position " + pos);
                }
                int hi = hexDigit(text.charAt(pos + 1));
                int lo = hexDigit(text.charAt(pos + 2));
                if (hi < 0 || lo < 0) {
                    throw new FilterSyntaxException("invalid escape at position " + pos);
                }
                out.write(hi << 4 | lo);
                pos += 3;
            } else {
                int cp = text.codePointAt(pos);
                if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                    throw new FilterSyntaxException("unpaired surrogate in value at position " + pos);
                }
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
                pos += Character.charCount(cp);
            }
        }
        return out.toByteArray();
    }

    /** The value of an ASCII hex digit (RFC 4515's HEX), -1 for anything else: Character.digit takes any script's digits. */
    private static int hexDigit(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    /** Formats a filter in RFC 4515 form, escaping what must be escaped. */
    public static String format(Filter filter) {
        StringBuilder sb = new StringBuilder();
        format(filter, sb);
        return sb.toString();
    }

    private static void format(Filter filter, StringBuilder sb) {
        sb.append('(');
        switch (filter) {
            case Filter.And and -> {
                sb.append('&');
                and.filters().forEach(f -> format(f, sb));
            }
            case Filter.Or or -> {
                sb.append('|');
                or.filters().forEach(f -> format(f, sb));
            }
            case Filter.Not not -> {
                sb.append('!');
                format(not.filter(), sb);
            }
            case Filter.Equality eq -> escape(sb.append(eq.attribute()).append('='), eq.value());
            case Filter.GreaterOrEqual ge -> escape(sb.append(ge.attribute()).append(">="), ge.value());
            case Filter.LessOrEqual le -> escape(sb.append(le.attribute()).append("<="), le.value());
            case Filter.Approx ap -> escape(sb.append(ap.attribute()).append("~="), ap.value());
            case Filter.Present pr -> sb.append(pr.attribute()).append("=*");
            case Filter.Substrings ss -> {
                sb.append(ss.attribute()).append('=');
                if (ss.initial() != null) {
                    escape(sb, ss.initial());
                }
                sb.append('*');
                for (byte[] any : ss.any()) {
                    escape(sb, any);
                    sb.append('*');
                }
                if (ss.fin() != null) {
                    escape(sb, ss.fin());
                }
            }
            case Filter.Extensible ex -> {
                if (ex.attribute() != null) {
                    sb.append(ex.attribute());
                }
                if (ex.dnAttributes()) {
                    sb.append(":dn");
                }
                if (ex.matchingRule() != null) {
                    sb.append(':').append(ex.matchingRule());
                }
                escape(sb.append(":="), ex.value());
            }
        }
        sb.append(')');
    }

    private static void escape(StringBuilder sb, byte[] value) {
        String s = new String(value, StandardCharsets.UTF_8);
        boolean validUtf8 = java.util.Arrays.equals(s.getBytes(StandardCharsets.UTF_8), value);
        if (validUtf8) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '*' || c == '(' || c == ')' || c == '\\' || c == 0) {
                    sb.append('\\').append(String.format("%02x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        } else {
            for (byte b : value) {
                sb.append('\\').append(String.format("%02x", b & 0xFF));
            }
        }
    }
}
