package dev.linden.backend;

/** What a committed change did to its entry. */
public enum ChangeKind {
    ADD('a'),
    MODIFY('m'),
    RENAME('r'),
    DELETE('d');

    final char code;

    ChangeKind(char code) {
        this.code = code;
    }

    static ChangeKind of(int code) {
        for (ChangeKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown change kind " + (char) code);
    }
}
