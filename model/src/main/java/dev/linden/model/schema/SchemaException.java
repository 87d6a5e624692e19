package dev.linden.model.schema;

/** A schema definition that cannot be parsed or resolved; the message names where it came from. */
public final class SchemaException extends Exception {
    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }
}
