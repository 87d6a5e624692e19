package dev.linden.model.schema;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks values against their attribute syntax (RFC 4517 section 3.3, RFC 4530 for UUIDs). Syntaxes
 * not listed here (binary, certificates, ...) accept any value, as slapd does for blobs.
 */
public final class SyntaxValidator {
    /** PrintableCharacter (RFC 4517 3.2) besides letters and digits. */
    private static final String PRINTABLE_MARKS = "'()+,-./:?= ";

    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z0-9'()+,\\-./:?= ]{2}");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern NUMERIC_STRING = Pattern.compile("[0-9 ]+");
    private static final Pattern OID = Pattern.compile("[0-9]+(\\.[0-9]+)+|[A-Za-z][A-Za-z0-9-]*(;[A-Za-z0-9-]+)*");
    private static final Pattern BIT_STRING = Pattern.compile("'[01]*'B");
    private static final Pattern UUID =
            Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
    private static final Pattern GENERALIZED_TIME =
            Pattern.compile("[0-9]{10}([0-9]{2}([0-9]{2})?)?([.,][0-9]+)?(Z|[+-][0-9]{2}([0-9]{2})?)");
    private static final String P = "1.3.6.1.4.1.1466.115.121.1.";

    private static final Map<String, Predicate<String>> TEXT_SYNTAXES = Map.ofEntries(
            Map.entry(P + "6", s -> BIT_STRING.matcher(s).matches()),
            Map.entry(P + "7", s -> s.equals("TRUE") || s.equals("FALSE")),
            Map.entry(P + "11", s -> COUNTRY.matcher(s).matches()),
            Map.entry(P + "15", s -> !s.isEmpty()),
            Map.entry(P + "24", s -> GENERALIZED_TIME.matcher(s).matches()),
            Map.entry(P + "26", SyntaxValidator::isIa5),
            Map.entry(P + "27", s -> INTEGER.matcher(s).matches()),
            Map.entry(P + "36", s -> NUMERIC_STRING.matcher(s).matches()),
            Map.entry(P + "38", s -> OID.matcher(s).matches()),
            // RFC 4517 wants every line non-empty; slapd accepts empty lines, and so do we
            Map.entry(P + "41", s -> !s.isEmpty()),
            Map.entry(P + "44", SyntaxValidator::isPrintable),
            // a printable string that is not all spaces, as slapd checks
            Map.entry(P + "50", s -> isPrintable(s) && !s.isBlank()),
            Map.entry("1.3.6.1.1.16.1", s -> UUID.matcher(s).matches()));

    private SyntaxValidator() {}

    /** Whether the value is valid for the syntax with this OID (DNs are checked by their matching rule). */
    public static boolean isValid(String syntaxOid, byte[] value) {
        Predicate<String> check = TEXT_SYNTAXES.get(syntaxOid);
        if (check == null) {
            return true;
        }
        String text = utf8(value);
        return text != null && check.test(text);
    }

    private static String utf8(byte[] value) {
        if (isAscii(value)) { // most values: no decoder to make
            return new String(value, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isAscii(byte[] value) {
        for (byte b : value) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** PrintableString: one or more PrintableCharacters (checked by hand: every telephone number comes here). */
    private static boolean isPrintable(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && PRINTABLE_MARKS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIa5(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
