package dev.linden.model.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The password schemes a server knows, looked up by the {@code {SCHEME}} prefix of a stored userPassword
 * value (case-insensitive, as OpenLDAP matches it). A value without a prefix is cleartext. Immutable and
 * thread-safe; each server builds its own, so tests and embedded servers never share hidden state.
 */
public final class PasswordSchemes {

    /** Longer "names" are not scheme prefixes but cleartext that happens to start with a brace. */
    private static final int MAX_NAME_LENGTH = 64;

    private final Map<String, PasswordScheme> byName;
    private final PasswordScheme defaultScheme;

    /**
     * @param schemes every scheme to recognise, names unique ignoring case
     * @param defaultSchemeName the scheme {@link #hash(byte[])} writes; it must be able to hash
     */
    public PasswordSchemes(List<? extends PasswordScheme> schemes, String defaultSchemeName) {
        Map<String, PasswordScheme> map = new LinkedHashMap<>();
        for (PasswordScheme scheme : schemes) {
            String key = key(scheme.name());
            if (!isSchemeName(key) || map.putIfAbsent(key, scheme) != null) {
                throw new IllegalArgumentException("bad or duplicate scheme name: " + scheme.name());
            }
        }
        this.byName = Map.copyOf(map);
        this.defaultScheme = hashingScheme(map, defaultSchemeName);
    }

    /**
     * Argon2 (default), PBKDF2-SHA256, the salted SHA family, and the unsalted SHA family for verification
     * only. One SecureRandom feeds every salt: it is thread-safe and seeding several gains nothing.
     */
    public static PasswordSchemes standard() {
        SecureRandom random = new SecureRandom();
        return new PasswordSchemes(
                List.of(
                        new Argon2Scheme(random),
                        new Pbkdf2Sha256Scheme(random),
                        new SshaScheme(random),
                        new Ssha256Scheme(random),
                        new Ssha512Scheme(random),
                        new ShaScheme(),
                        new Sha256Scheme(),
                        new Sha512Scheme()),
                Argon2Scheme.NAME);
    }

    public String defaultSchemeName() {
        return defaultScheme.name();
    }

    /** Upper-case names of every recognised scheme, hashing and verify-only alike. */
    public Set<String> schemeNames() {
        return byName.keySet();
    }

    /** Hashes with the default scheme; returns the stored form {@code {SCHEME}...}. */
    public String hash(byte[] clear) {
        return prefixed(defaultScheme, clear);
    }

    /**
     * Hashes with the named scheme (any case); returns {@code {SCHEME}...}.
     *
     * @throws IllegalArgumentException if the scheme is unknown or verify-only: a configuration error the
     *     administrator must see, unlike a bad stored value at bind time
     */
    public String hash(String schemeName, byte[] clear) {
        return prefixed(hashingScheme(byName, schemeName), clear);
    }

    /**
     * Whether {@code clear} matches the stored userPassword value. Never throws: unknown schemes,
     * malformed values and nulls are mismatches, so a bind fails closed.
     */
    public boolean verify(byte[] clear, byte[] storedValue) {
        if (clear == null || storedValue == null) {
            return false;
        }
        int close = prefixEnd(storedValue);
        if (close < 0) {
            // Cleartext. isEqual's time depends only on the first argument's length, which the client knows.
            return MessageDigest.isEqual(clear, storedValue);
        }
        PasswordScheme scheme = byName.get(key(new String(storedValue, 1, close - 1, StandardCharsets.US_ASCII)));
        if (scheme == null) {
            return false; // includes {CLEARTEXT}: Linden has no such scheme, unlike OpenLDAP
        }
        // Latin-1 maps bytes to chars one to one, so stray non-ASCII bytes fail to parse instead of throwing.
        String rest = new String(storedValue, close + 1, storedValue.length - close - 1, StandardCharsets.ISO_8859_1);
        try {
            return scheme.verify(clear, rest);
        } catch (RuntimeException e) {
            // Schemes return false on bad input; this is only the last line against a library surprise.
            return false;
        }
    }

    /** Whether checking a password against this stored value is slow (a key-stretching scheme). */
    public boolean isSlow(byte[] storedValue) {
        int close = storedValue == null ? -1 : prefixEnd(storedValue);
        if (close < 0) {
            return false;
        }
        PasswordScheme scheme = byName.get(key(new String(storedValue, 1, close - 1, StandardCharsets.US_ASCII)));
        return scheme != null && scheme.isSlow();
    }

    /**
     * Whether a value already carries a recognised {@code {SCHEME}} prefix, so an imported hash is stored
     * as is instead of being hashed again.
     */
    public boolean isHashed(byte[] value) {
        if (value == null) {
            return false;
        }
        int close = prefixEnd(value);
        return close > 0 && byName.containsKey(key(new String(value, 1, close - 1, StandardCharsets.US_ASCII)));
    }

    private static String prefixed(PasswordScheme scheme, byte[] clear) {
        Objects.requireNonNull(clear, "clear");
        return "{" + scheme.name() + "}" + scheme.hash(clear);
    }

    private static PasswordScheme hashingScheme(Map<String, PasswordScheme> map, String name) {
        PasswordScheme scheme = name == null ? null : map.get(key(name));
        if (scheme == null) {
            throw new IllegalArgumentException("unknown password scheme: " + name);
        }
        if (!scheme.canHash()) {
            throw new IllegalArgumentException("password scheme " + scheme.name() + " is verify-only");
        }
        return scheme;
    }

    /**
     * Index of the '}' closing a well-formed {@code {NAME}} prefix, or -1. Names are letters, digits, '-',
     * '_' and '.', as in every scheme OpenLDAP, 389-ds and passlib define.
     */
    private static int prefixEnd(byte[] value) {
        if (value.length < 3 || value[0] != '{') {
            return -1;
        }
        int limit = Math.min(value.length, MAX_NAME_LENGTH + 2);
        for (int i = 1; i < limit; i++) {
            byte b = value[i];
            if (b == '}') {
                return i > 1 ? i : -1;
            }
            if (!isNameChar(b)) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isSchemeName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0x7f || !isNameChar((byte) c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameChar(byte b) {
        return (b >= 'A' && b <= 'Z')
                || (b >= 'a' && b <= 'z')
                || (b >= '0' && b <= '9')
                || b == '-'
                || b == '_'
                || b == '.';
    }

    private static String key(String name) {
        return name.toUpperCase(Locale.ROOT);
    }
}
