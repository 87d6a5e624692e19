package dev.linden.cli;

import dev.linden.server.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A password given as a file ({@code -y}, as OpenLDAP's tools take it), so it appears on no command line. */
public final class PasswordFile {
    private PasswordFile() {}

    /** The file's text without surrounding white space (a trailing newline is no part of the password). */
    public static String read(Path file) throws ConfigException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException
                    ? "no such file"
                    : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
            throw new ConfigException("cannot read the password file " + file + ": " + why
                    + "; give -y a readable file that holds the password");
        }
    }
}
