package dev.linden.model.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses one RFC 4512 description, {@code ( 2.5.4.3 NAME ( 'cn' 'commonName' ) SUP name )}, into a
 * {@link SchemaDefinition}. Keywords that are flags are known; every other keyword takes one value
 * (a word or quoted string) or a parenthesised list.
 */
public final class DescriptionParser {
    private static final Set<String> FLAGS = Set.of(
            "OBSOLETE", "SINGLE-VALUE", "COLLECTIVE", "NO-USER-MODIFICATION", "ABSTRACT", "STRUCTURAL", "AUXILIARY");

    private final String text;
    private final String origin;
    private int pos;

    private DescriptionParser(String text, String origin) {
        this.text = text;
        this.origin = origin;
    }

    public static SchemaDefinition parse(String text, String origin) throws SchemaException {
        return new DescriptionParser(text, origin).definition();
    }

    private SchemaDefinition definition() throws SchemaException {
        if (!"(".equals(token())) {
            throw error("a description starts with '('");
        }
        String oid = token();
        if (oid == null || oid.equals(")") || oid.startsWith("'")) {
            throw error("numeric OID expected after '('");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        while (true) {
            String keyword = token();
            if (keyword == null) {
                throw error("missing ')' at the end");
            }
            if (keyword.equals(")")) {
                break;
            }
            if (keyword.startsWith("'") || keyword.equals("(")) {
                throw error("keyword expected, found " + keyword);
            }
            keyword = keyword.toUpperCase(Locale.ROOT);
            if (fields.containsKey(keyword)) {
                throw error("keyword " + keyword + " appears twice");
            }
            if (FLAGS.contains(keyword)) {
                fields.put(keyword, List.of());
                continue;
            }
            String next = token();
            if (next == null || next.equals(")")) {
                throw error("value expected after " + keyword);
            }
            List<String> values = new ArrayList<>();
            if (next.equals("(")) {
                while (true) {
                    String v = token();
                    if (v == null) {
                        throw error("unclosed list after " + keyword);
                    }
                    if (v.equals(")")) {
                        break;
                    }
                    if (!v.equals("$")) {
                        values.add(unquote(v));
                    }
                }
            } else {
                values.add(unquote(next));
            }
            fields.put(keyword, List.copyOf(values));
        }
        if (token() != null) {
            throw error("text after the closing ')'");
        }
        return new SchemaDefinition(oid, fields, text.strip(), origin);
    }

    private static String unquote(String token) {
        if (token.startsWith("'")) {
            return token.substring(1, token.length() - 1)
                    .replace("\\27", "'")
                    .replace("\\5C", "\\")
                    .replace("\\5c", "\\");
        }
        return token;
    }

    /** The next token: "(", ")", "$", a quoted string (quotes kept), a word; null at the end. */
    private String token() throws SchemaException {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        if (pos >= text.length()) {
            return null;
        }
        char c = text.charAt(pos);
        if (c == '(' || c == ')' || c == '$') {
            pos++;
            return String.valueOf(c);
        }
        int start = pos;
        if (c == '\'') {
            int end = text.indexOf('\'', pos + 1);
            if (end < 0) {
                throw error("unterminated quoted string");
            }
            pos = end + 1;
            return text.substring(start, pos);
        }
        while (pos < text.length()
                && !Character.isWhitespace(text.charAt(pos))
                && "()$'".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private SchemaException error(String why) {
        return new SchemaException(origin + ": " + why + " in \"" + abbreviate(text) + "\"");
    }

    private static String abbreviate(String s) {
        s = s.strip();
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
