package dev.linden.core.operation;

import dev.linden.model.Attribute;
import dev.linden.model.password.PasswordSchemes;
import dev.linden.model.schema.AttributeType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hashes userPassword values on their way in, unless they already carry a known scheme (an
 * administrator importing hashes from another server) or the configuration asks for cleartext.
 */
final class PasswordHashing {
    private final PasswordSchemes schemes;
    private final String scheme;

    PasswordHashing(PasswordSchemes schemes, String scheme) {
        this.schemes = schemes;
        this.scheme = scheme;
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
}
