package dev.linden.model.matching;

import dev.linden.model.LdapException;
import dev.linden.protocol.ResultCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * A practical subset of LDAP string preparation (RFC 4518): Unicode NFKC, optional case folding,
 * and insignificant space handling (leading and trailing spaces removed, inner runs folded to one).
 */
final class StringPrep {
    private StringPrep() {}

    static String utf8(byte[] value) throws LdapException {
        boolean ascii = true;
        for (byte b : value) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) { // the common case, without a decoder
            return new String(value, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "value is not valid UTF-8");
        }
    }

    static String prepare(String s, boolean foldCase, boolean trim) {
        if (isPrepared(s, foldCase, trim)) {
            return s;
        }
        boolean ascii = true;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (!ascii) {
            s = Normalizer.normalize(s, Normalizer.Form.NFKC);
        }
        if (foldCase) {
            s = s.toLowerCase(Locale.ROOT);
        }
        StringBuilder sb = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && (!sb.isEmpty() || !trim)) {
                sb.append(' ');
            }
            pendingSpace = false;
            sb.append(c);
        }
        if (pendingSpace && !trim) {
            sb.append(' ');
        }
        return sb.toString();
    }

    /**
     * Whether preparing would give the string back unchanged, the case of most values (an uid, a
     * DN's component, a mail address): ASCII, no upper-case letter to fold, no white space other than
     * single inner spaces (or, untrimmed, single spaces anywhere). Checked without copying it.
     */
    private static boolean isPrepared(String s, boolean foldCase, boolean trim) {
        int last = s.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c < ' ' || (foldCase && c >= 'A' && c <= 'Z')) {
                return false;
            }
            if (c == ' ' && ((trim && (i == 0 || i == last)) || (i > 0 && s.charAt(i - 1) == ' '))) {
                return false;
            }
        }
        return true;
    }
}
