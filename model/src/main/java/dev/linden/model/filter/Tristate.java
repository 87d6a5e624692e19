package dev.linden.model.filter;

/** The three values a filter can take (RFC 4511 section 4.5.1.7). */
public enum Tristate {
    TRUE,
    FALSE,
    UNDEFINED;

    public static Tristate of(boolean b) {
        return b ? TRUE : FALSE;
    }
}
