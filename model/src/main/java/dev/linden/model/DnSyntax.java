package dev.linden.model;

import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The string form of DNs (RFC 4514): parsing with the schema's normalisation, and escaping. Like
 * OpenLDAP it accepts spaces around separators and LDAPv2 quoted values, refuses attribute types
 * the schema does not know (invalidDNSyntax), and shows a DN in one form whatever the spelling the
 * client gave: each type by its schema name, each value as written with the escapes of
 * {@link #showValue}, the AVAs of an RDN by type.
 */
public final class DnSyntax {
    private static final int MAX_LENGTH = 64 * 1024;
    /**
     * The longest DN text taken, and the most a parsed DN may print as: showing a value escapes a
     * character as three at most ({@code \00}), so a DN read from 64 KiB of text can print three
     * times as long, and what Linden prints it must read back.
     */
    private static final int MAX_PRINTED = 3 * MAX_LENGTH + 1024;
    /**
     * How deep DN-valued AVAs may nest DNs ({@code creatorsName=cn=x\,dc=y}: one level): each is parsed
     * by a recursive call, so a 64 KiB DN nested thousands deep would overflow the stack. Counted only
     * for values holding an '=' (a DN has one): parsing an ordinary DN never looks the count up.
     */
    private static final int MAX_NESTING = 16;

    private static final ThreadLocal<int[]> NESTING = ThreadLocal.withInitial(() -> new int[1]);
    /** The order slapd shows the AVAs of an RDN in: by type name, then value. */
    private static final Comparator<Ava> SHOWN = Comparator.comparing(Ava::type).thenComparing(Ava::value);

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private final String text;
    private int pos;

    private DnSyntax(String text) {
        this.text = text;
    }

    public static Dn parse(String text, Schema schema) throws LdapException {
        if (text.length() > MAX_PRINTED) {
            throw invalid(text, "too long");
        }
        if (text.isBlank()) {
            return Dn.ROOT;
        }
        return parseWhole(text, schema);
    }

    private static Dn parseWhole(String text, Schema schema) throws LdapException {
        DnSyntax p = new DnSyntax(text);
        List<Rdn> rdns = new ArrayList<>();
        while (true) {
            rdns.add(p.rdn(schema));
            p.skipSpaces();
            if (p.pos >= text.length()) {
                break;
            }
            char c = text.charAt(p.pos);
            if (c != ',' && c != ';') {
                throw invalid(text, "',' expected at position " + p.pos);
            }
            p.pos++;
        }
        if (mostPrinted(rdns) > MAX_PRINTED) {
            throw invalid(text, "too long");
        }
        return new Dn(rdns);
    }

    /** A bound on the length of the DN's printed form, a function of the DN alone (not of its text). */
    private static long mostPrinted(List<Rdn> rdns) {
        long n = 0;
        for (Rdn rdn : rdns) {
            for (Ava a : rdn.avas()) {
                n += a.type().length() + 2 + 3L * a.value().length();
            }
        }
        return n;
    }

    /** Parses a single RDN, as in the newrdn field of a ModifyDN request. */
    public static Rdn parseRdn(String text, Schema schema) throws LdapException {
        DnSyntax p = new DnSyntax(text);
        Rdn rdn = p.rdn(schema);
        p.skipSpaces();
        if (p.pos != text.length()) {
            throw invalid(text, "not a single RDN");
        }
        return rdn;
    }

    private Rdn rdn(Schema schema) throws LdapException {
        List<Ava> avas = new ArrayList<>();
        while (true) {
            avas.add(ava(schema));
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == '+') {
                pos++;
                continue;
            }
            break;
        }
        return makeRdn(avas);
    }

    public static Rdn makeRdn(List<Ava> avas) throws LdapException {
        if (avas.size() == 1) { // the usual RDN: nothing to sort nor to compare
            Ava a = avas.get(0);
            StringBuilder norm =
                    new StringBuilder(a.normType().length() + a.normValue().length() + 8);
            norm.append(a.normType()).append('=');
            escapeValue(a.normValue(), norm); // a NUL becomes \00 there
            return new Rdn(avas, norm.toString());
        }
        List<Ava> sorted = new ArrayList<>(avas);
        sorted.sort(Comparator.comparing(a -> a.normType() + "=" + a.normValue()));
        StringBuilder norm = new StringBuilder();
        for (int i = 0; i < sorted.size(); i++) {
            Ava a = sorted.get(i);
            if (i > 0) {
                if (sorted.get(i - 1).normType().equals(a.normType())
                        && sorted.get(i - 1).normValue().equals(a.normValue())) {
                    throw new LdapException(ResultCode.INVALID_DN_SYNTAX, "duplicate AVA in RDN");
                }
                norm.append('+');
            }
            norm.append(a.normType()).append('=');
            escapeValue(a.normValue(), norm);
        }
        List<Ava> shown = avas;
        if (avas.size() > 1) {
            shown = new ArrayList<>(avas);
            shown.sort(SHOWN);
        }
        return new Rdn(shown, norm.toString().replace("\0", "\\00"));
    }

    /** Builds an AVA from a type and a value, normalised under the schema. */
    public static Ava ava(String type, String value, Schema schema) throws LdapException {
        AttributeType at = schema.attributeType(type);
        if (at == null) {
            throw new LdapException(ResultCode.INVALID_DN_SYNTAX, "invalid DN: undefined attribute type " + type);
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        String norm;
        if (value.indexOf('=') < 0) { // the usual value: not a DN, so checking it parses no DN
            norm = checked(at, type, bytes, schema);
        } else { // perhaps a DN (creatorsName=cn=x\,dc=y), which the checks parse: one level deeper
            int[] depth = NESTING.get();
            if (depth[0] >= MAX_NESTING) {
                throw new LdapException(
                        ResultCode.INVALID_DN_SYNTAX,
                        "invalid DN: DN values nested more than " + MAX_NESTING + " deep");
            }
            depth[0]++;
            try {
                norm = checked(at, type, bytes, schema);
            } finally {
                depth[0]--;
            }
        }
        if (norm.length() > MAX_LENGTH) {
            // a DN-valued AVA nests a DN whose normalised form is escaped again at each level, doubling
            // its backslashes: "creatorsName=creatorsName=..." a hundred deep would take 2^100 bytes
            throw new LdapException(ResultCode.INVALID_DN_SYNTAX, "invalid DN: a value's normalised form is too long");
        }
        return new Ava(at.displayName(), value, at.name(), norm);
    }

    /** The value checked by its syntax and normalised by its equality rule. */
    private static String checked(AttributeType at, String type, byte[] bytes, Schema schema) throws LdapException {
        if (!dev.linden.model.schema.SyntaxValidator.isValid(at.syntaxOid(), bytes)) {
            throw new LdapException(ResultCode.INVALID_DN_SYNTAX, "invalid DN: " + type + " value invalid per syntax");
        }
        try {
            return at.normalize(bytes, schema);
        } catch (LdapException e) {
            throw new LdapException(ResultCode.INVALID_DN_SYNTAX, "invalid DN: " + e.getMessage());
        }
    }

    private Ava ava(Schema schema) throws LdapException {
        skipSpaces();
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
                pos++;
            } else {
                break;
            }
        }
        String type = text.substring(start, pos);
        if (type.isEmpty()) {
            throw invalid(text, "attribute type expected at position " + start);
        }
        if (type.length() > 4 && type.regionMatches(true, 0, "oid.", 0, 4)) {
            type = type.substring(4); // legacy "OID.2.5.4.3" form
        }
        skipSpaces();
        if (pos >= text.length() || text.charAt(pos) != '=') {
            throw invalid(text, "'=' expected at position " + pos);
        }
        pos++;
        skipSpaces();
        String value = value();
        return ava(type, value, schema);
    }

    private String value() throws LdapException {
        if (pos < text.length() && text.charAt(pos) == '#') {
            return hexValue();
        }
        if (pos < text.length() && text.charAt(pos) == '"') {
            return quotedValue();
        }
        String plain = plainValue();
        if (plain != null) {
            return plain;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lastNonSpace = 0; // length of out up to the last escaped or non-space character
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ',' || c == '+' || c == ';') {
                break;
            }
            if (c == '\\') {
                pos++;
                if (pos >= text.length()) {
                    throw invalid(text, "escape at end of DN");
                }
                char e = text.charAt(pos);
                int hi = Character.digit(e, 16);
                if (hi >= 0 && pos + 1 < text.length() && Character.digit(text.charAt(pos + 1), 16) >= 0) {
                    out.write(hi << 4 | Character.digit(text.charAt(pos + 1), 16));
                    pos += 2;
                } else if (" \"#+,;<=>\\".indexOf(e) >= 0) {
                    out.write(e);
                    pos++;
                } else {
                    throw invalid(text, "invalid escape at position " + (pos - 1));
                }
                lastNonSpace = out.size();
                continue;
            }
            int cp = text.codePointAt(pos);
            byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            out.write(utf8, 0, utf8.length);
            pos += Character.charCount(cp);
            if (c != ' ') {
                lastNonSpace = out.size();
            }
        }
        byte[] bytes = out.toByteArray();
        return decodeUtf8(java.util.Arrays.copyOf(bytes, lastNonSpace));
    }

    /**
     * A value without escapes (nearly every DN's): the text itself less trailing spaces, taken
     * without copying character by character; null, and nothing consumed, for one that needs the
     * full reading (an escape, or a surrogate, whose pairing that reading checks).
     */
    private String plainValue() {
        int start = pos;
        int end = start;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (c == ',' || c == '+' || c == ';') {
                break;
            }
            if (c == '\\' || Character.isSurrogate(c)) {
                return null;
            }
            end++;
        }
        pos = end;
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(start, end);
    }

    private String quotedValue() throws LdapException {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != '"') {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            sb.append(c);
        }
        if (pos >= text.length()) {
            throw invalid(text, "unterminated quoted value");
        }
        pos++;
        return sb.toString();
    }

    private String hexValue() throws LdapException {
        pos++;
        int start = pos;
        while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
            pos++;
        }
        String hex = text.substring(start, pos);
        if (hex.isEmpty() || hex.length() % 2 != 0) {
            throw invalid(text, "bad hex value");
        }
        byte[] ber = java.util.HexFormat.of().parseHex(hex);
        // A BER-encoded OCTET STRING or string type: take its contents as the value.
        if (ber.length >= 2 && (ber[1] & 0x80) == 0 && ber[1] == ber.length - 2) {
            return decodeUtf8(java.util.Arrays.copyOfRange(ber, 2, ber.length));
        }
        return new String(ber, StandardCharsets.ISO_8859_1);
    }

    private static String decodeUtf8(byte[] bytes) throws LdapException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new LdapException(ResultCode.INVALID_DN_SYNTAX, "invalid DN: value is not UTF-8");
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private static LdapException invalid(String text, String why) {
        String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return new LdapException(ResultCode.INVALID_DN_SYNTAX, "invalid DN \"" + shown + "\": " + why);
    }

    /**
     * Escapes a value for a DN shown to clients, as slapd does: the characters RFC 4514 says must be
     * escaped, and '=', as two hex digits ({@code \2C}); a space at either end as {@code \20}; UTF-8
     * as it is. Unlike slapd, a '#' inside the value is escaped too ({@code \23}): RFC 4514 allows it
     * bare, but Python's ldap3 refuses such a DN in parse_dn, and every parser reads the escape.
     */
    public static void showValue(String value, StringBuilder sb) {
        int last = value.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = value.charAt(i);
            boolean escape = switch (c) {
                case '"', '+', ',', ';', '<', '>', '\\', '=', '#', '\0' -> true;
                case ' ', '\t', '\n', '\r' -> i == 0 || i == last;
                default -> false;
            };
            if (escape) {
                sb.append('\\').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                sb.append(c);
            }
        }
    }

    /** Escapes a value per RFC 4514 section 2.4, for the normalised form of a DN. */
    public static void escapeValue(String value, StringBuilder sb) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean escape = switch (c) {
                case '"', '+', ',', ';', '<', '>', '\\' -> true;
                case '#' -> i == 0;
                case ' ' -> i == 0 || i == value.length() - 1;
                default -> false;
            };
            if (c == 0) {
                sb.append("\\00");
            } else if (escape) {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
    }
}
