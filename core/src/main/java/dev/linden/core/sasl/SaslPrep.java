package dev.linden.core.sasl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The mapping and normalisation steps of SASLprep (RFC 4013) for passwords, as SCRAM's Normalize()
 * asks (RFC 5802 section 2.2): non-ASCII spaces become a space, characters "commonly mapped to
 * nothing" go, and the result is NFKC. ASCII passwords are left as they are; bytes that are not
 * UTF-8 are used as given. Prohibited characters are not refused: the same password always gives
 * the same key, which is all a verifier needs.
 */
final class SaslPrep {
    private SaslPrep() {}

    static byte[] prepare(byte[] password) {
        boolean ascii = true;
        for (byte b : password) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return password;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(password))
                    .toString();
        } catch (CharacterCodingException e) {
            return password;
        }
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (mapsToNothing(c)) {
                return;
            }
            sb.appendCodePoint(isNonAsciiSpace(c) ? ' ' : c);
        });
        return Normalizer.normalize(sb, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 3454 table C.1.2. */
    private static boolean isNonAsciiSpace(int c) {
        return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    /** RFC 3454 table B.1. */
    private static boolean mapsToNothing(int c) {
        return c == 0x00AD
                || c == 0x034F
                || c == 0x1806
                || (c >= 0x180B && c <= 0x180D)
                || (c >= 0x200B && c <= 0x200D)
                || c == 0x2060
                || (c >= 0xFE00 && c <= 0xFE0F)
                || c == 0xFEFF;
    }
}
