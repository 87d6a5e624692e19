package dev.linden.core.acl;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a subject may do to an entry or attribute. The levels of OpenLDAP's access lists are
 * cumulative (read includes search, compare and auth; write adds add and delete; manage is
 * everything); a grant may also list single rights, such as {@code [auth, write]} for a password
 * its owner may change but nobody may read.
 */
public enum Right {
    AUTH,
    COMPARE,
    SEARCH,
    READ,
    WRITE,
    ADD,
    DELETE,
    MANAGE;

    /** The rights a grant names: one level word, or a list of words each a level or a single right. */
    public static Set<Right> parse(List<String> words) {
        EnumSet<Right> rights = EnumSet.noneOf(Right.class);
        if (words.size() == 1) {
            return level(words.get(0));
        }
        for (String w : words) {
            rights.add(single(w));
        }
        return rights;
    }

    /** A level word: everything up to and including it. */
    public static Set<Right> level(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "none" -> EnumSet.noneOf(Right.class);
            case "auth" -> EnumSet.of(AUTH);
            case "compare" -> EnumSet.of(AUTH, COMPARE);
            case "search" -> EnumSet.of(AUTH, COMPARE, SEARCH);
            case "read" -> EnumSet.of(AUTH, COMPARE, SEARCH, READ);
            case "write" -> EnumSet.of(AUTH, COMPARE, SEARCH, READ, WRITE, ADD, DELETE);
            case "add" -> EnumSet.of(ADD);
            case "delete" -> EnumSet.of(DELETE);
            case "manage" -> EnumSet.allOf(Right.class);
            default ->
                throw new IllegalArgumentException(
                        "unknown right '" + word + "' (none, auth, compare, search, read, write, add, delete, manage)");
        };
    }

    private static Right single(String word) {
        try {
            return valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown right '" + word + "' (auth, compare, search, read, write, add, delete, manage)");
        }
    }
}
