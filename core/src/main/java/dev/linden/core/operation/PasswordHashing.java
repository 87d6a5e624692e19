package dev.linden.core.operation;

import dev.linden.core.sasl.ScramCredentials;
import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Entry;
import dev.linden.model.password.PasswordSchemes;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ModOp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hashes userPassword values on their way in, unless they already carry a known scheme (an
 * administrator importing hashes from another server) or the configuration asks for cleartext.
 * The one place that sees a password in clear, so it also derives the SCRAM-SHA-256 credentials
 * (RFC 5803 authPassword) of the newest cleartext password; a password set already hashed leaves
 * no usable credentials, so the old ones are removed rather than left to accept an old password.
 */
final class PasswordHashing {
    private final PasswordSchemes schemes;
    private final String scheme;
    private final AttributeType userPassword;
    private final AttributeType authPassword; // null when the schema lacks it: no SCRAM credentials then

    PasswordHashing(PasswordSchemes schemes, String scheme, Schema schema) {
        this.schemes = schemes;
        this.scheme = scheme;
        this.userPassword = schema.attributeType("userPassword");
        this.authPassword = schema.attributeType("authPassword");
    }

    boolean applies(AttributeType type) {
        return type.name().equals("userpassword");
    }

    Attribute hash(Attribute attribute) {
        if (!applies(attribute.description().type()) || scheme.equalsIgnoreCase("CLEARTEXT")) {
            return attribute;
        }
        List<byte[]> values = new ArrayList<>(attribute.size());
        for (byte[] v : attribute.values()) {
            values.add(schemes.isHashed(v) ? v : hash(v));
        }
        return attribute.withValues(values);
    }

    byte[] hash(byte[] clear) {
        if (scheme.equalsIgnoreCase("CLEARTEXT")) {
            return clear;
        }
        return schemes.hash(scheme, clear).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Hashes every userPassword of a new entry and stores the SCRAM credentials of its last cleartext
     * value; without a cleartext value, authPassword values already in the entry (an import) stay.
     */
    void hashEntry(Entry entry) {
        byte[] scram = null;
        for (Attribute a : entry.attributes().toArray(Attribute[]::new)) {
            if (applies(a.description().type())) {
                scram = orElse(scram(a), scram);
                entry.put(hash(a));
            }
        }
        if (scram != null) {
            putScram(entry, scram);
        }
    }

    /** The SCRAM credentials (authPassword value) of a cleartext password; null when there are none to keep. */
    byte[] scram(byte[] clear) {
        if (authPassword == null || clear.length == 0 || schemes.isHashed(clear)) {
            return null;
        }
        return ScramCredentials.derive(clear).toAuthPassword().getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces the entry's SCRAM credentials (null: removes them). */
    void putScram(Entry entry, byte[] scram) {
        if (authPassword == null) {
            return;
        }
        AttributeDescription desc = AttributeDescription.of(authPassword);
        if (scram == null) {
            entry.remove(desc);
        } else {
            entry.put(new Attribute(desc, List.of(scram)));
        }
    }

    /** Follows the userPassword changes of one modify request, to keep the SCRAM credentials in step. */
    Changes changes() {
        return new Changes();
    }

    private byte[] scram(Attribute attribute) {
        byte[] scram = null;
        for (byte[] v : attribute.values()) {
            scram = orElse(scram(v), scram);
        }
        return scram;
    }

    private static byte[] orElse(byte[] value, byte[] other) {
        return value != null ? value : other;
    }

    /**
     * The userPassword changes of a modify request, noted before hashing: a cleartext password added
     * or replacing the old ones brings new credentials; a hashed one replacing them, or a deleted
     * value, removes them (the server cannot tell which password they belong to); an entry left
     * without userPassword loses them.
     */
    final class Changes {
        private boolean touched;
        private boolean set;
        private byte[] scram;

        void note(ModOp op, Attribute change) {
            if (!applies(change.description().type())) {
                return;
            }
            touched = true;
            byte[] derived = op == ModOp.ADD || op == ModOp.REPLACE ? scram(change) : null;
            if (derived != null) {
                set = true;
                scram = derived;
            } else if (op != ModOp.ADD) {
                set = true;
                scram = null;
            }
        }

        void applyTo(Entry entry) {
            if (!touched) {
                return;
            }
            if (!entry.has(userPassword)) {
                putScram(entry, null);
            } else if (set) {
                putScram(entry, scram);
            }
        }
    }
}
