package dev.linden.model.ldif;

/** An LDIF file that does not follow RFC 2849; the message names the source and line. */
public final class LdifException extends Exception {
    private static final long serialVersionUID = 1L;

    public LdifException(String source, int line, String message) {
        super(source + ":" + line + ": " + message);
    }
}
