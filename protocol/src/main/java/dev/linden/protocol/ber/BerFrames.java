package dev.linden.protocol.ber;

/**
 * Finds where one BER element ends from its first bytes alone, so a transport can frame PDUs and
 * refuse an oversized one before buffering it.
 */
public final class BerFrames {
    /** Not enough bytes yet to know the element's length. */
    public static final long NEED_MORE = -1;

    private BerFrames() {}

    /**
     * The total length (header included) of the element starting at {@code header[0]}, from up to the
     * first six bytes available; {@link #NEED_MORE} if more bytes are needed to tell.
     */
    public static long elementLength(byte[] header, int available) throws BerException {
        if (available < 2) {
            return NEED_MORE;
        }
        if ((header[0] & 0x1F) == 0x1F) {
            throw new BerException("multi-byte tags are not used by LDAP");
        }
        int first = header[1] & 0xFF;
        if (first < 0x80) {
            return 2 + first;
        }
        int count = first & 0x7F;
        if (count == 0) {
            throw new BerException("indefinite length is not allowed in LDAP");
        }
        if (count > 4) {
            throw new BerException("length of " + count + " bytes is too long");
        }
        if (available < 2 + count) {
            return NEED_MORE;
        }
        long length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (header[2 + i] & 0xFF);
        }
        return 2 + count + length;
    }
}
