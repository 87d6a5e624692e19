package dev.linden.server.config;

/** A configuration that cannot be used; the message names the file, the key and the fix. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
