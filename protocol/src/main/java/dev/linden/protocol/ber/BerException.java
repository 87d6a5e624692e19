package dev.linden.protocol.ber;

/** The bytes are not valid BER for what was expected: a malformed PDU, never a bad-content error. */
public final class BerException extends Exception {
    private static final long serialVersionUID = 1L;

    public BerException(String message) {
        super(message, null, false, false); // thrown per bad packet: no stack trace to fill
    }
}
