package dev.linden.protocol.filter;

/** A filter string that does not follow RFC 4515. */
public final class FilterSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public FilterSyntaxException(String message) {
        super(message, null, false, false);
    }
}
