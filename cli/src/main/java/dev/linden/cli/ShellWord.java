package dev.linden.cli;

import java.util.regex.Pattern;

/** A word quoted for a POSIX shell only when it must be, so a printed command runs when pasted. */
final class ShellWord {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWord() {}

    static String quote(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
