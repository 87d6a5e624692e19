package dev.linden.protocol.netlogon;

/** The bytes are not a NETLOGON_SAM_LOGON_RESPONSE_EX this codec can read (truncated, bad name, bad tokens). */
public final class NetlogonFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public NetlogonFormatException(String message) {
        super(message, null, false, false); // thrown per bad packet: no stack trace to fill
    }
}
