package dev.linden.core.operation;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ModOp;
import dev.linden.protocol.ResultCode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one change of a modify request to an entry, with RFC 4511 4.6's rules and slapd's result
 * codes. Adding or deleting values of an attribute whose values are kept apart (a huge group's
 * members, {@link Attribute#isStored}) looks up each value alone and leaves the others unread.
 */
final class Modifications {
    private final Schema schema;

    Modifications(Schema schema) {
        this.schema = schema;
    }

    void apply(Entry entry, ModOp op, Attribute change) throws LdapException {
        apply(entry, op, change, false);
    }

    /**
     * @param permissive the permissive modify control: adding a value already there, or deleting an
     *     attribute that is not, succeeds without changing anything (deleting an absent value still fails, as in slapd)
     */
    void apply(Entry entry, ModOp op, Attribute change, boolean permissive) throws LdapException {
        AttributeDescription desc = change.description();
        if (permissive && op == ModOp.ADD && !change.values().isEmpty() && entry.get(desc) != null) {
            change = withoutPresent(entry.get(desc), change);
            if (change.values().isEmpty()) {
                return;
            }
        }
        if (permissive && op == ModOp.DELETE && change.values().isEmpty() && entry.get(desc) == null) {
            return;
        }
        Attribute current = entry.get(desc);
        switch (op) {
            case ADD -> {
                if (change.values().isEmpty()) {
                    throw new LdapException(
                            ResultCode.PROTOCOL_ERROR, "modify/add: " + desc.given() + ": no values given");
                }
                if (current != null && current.isStored()) {
                    addStored(entry, current, change);
                    return;
                }
                List<byte[]> values = current == null ? new ArrayList<>() : new ArrayList<>(current.values());
                List<String> present =
                        current == null ? new ArrayList<>() : new ArrayList<>(current.normalizedValues(schema));
                for (int i = 0; i < change.size(); i++) {
                    String norm = normalize(change, i);
                    if (present.contains(norm)) {
                        throw new LdapException(
                                ResultCode.ATTRIBUTE_OR_VALUE_EXISTS,
                                "modify/add: " + desc.given() + ": value #" + i + " already exists");
                    }
                    present.add(norm);
                    values.add(change.values().get(i));
                }
                entry.put(new Attribute(desc, values));
            }
            case DELETE -> {
                if (current == null) {
                    throw new LdapException(
                            ResultCode.NO_SUCH_ATTRIBUTE, "modify/delete: " + desc.given() + ": no such attribute");
                }
                if (change.values().isEmpty()) {
                    entry.remove(desc);
                    return;
                }
                if (current.isStored()) {
                    deleteStored(entry, current, change);
                    return;
                }
                List<byte[]> values = new ArrayList<>(current.values());
                List<String> norms = new ArrayList<>(current.normalizedValues(schema));
                for (int i = 0; i < change.size(); i++) {
                    String norm = normalize(change, i);
                    int at = norms.indexOf(norm);
                    if (at < 0) {
                        throw new LdapException(
                                ResultCode.NO_SUCH_ATTRIBUTE, "modify/delete: " + desc.given() + ": no such value");
                    }
                    norms.remove(at);
                    values.remove(at);
                }
                entry.put(new Attribute(desc, values));
            }
            case REPLACE -> {
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < change.size(); i++) {
                    String norm = normalize(change, i);
                    if (seen.contains(norm)) {
                        throw new LdapException(
                                ResultCode.ATTRIBUTE_OR_VALUE_EXISTS,
                                "modify/replace: " + desc.given() + ": value #" + i + " provided more than once");
                    }
                    seen.add(norm);
                }
                entry.put(new Attribute(desc, change.values()));
            }
            case INCREMENT -> increment(entry, desc, current, change);
        }
    }

    /** The values of {@code change} not already in {@code current} (each value invalid per syntax kept, to fail later). */
    private Attribute withoutPresent(Attribute current, Attribute change) {
        List<byte[]> left = new ArrayList<>();
        for (int i = 0; i < change.size(); i++) {
            String norm;
            try {
                norm = normalize(change, i);
            } catch (LdapException e) {
                left.add(change.values().get(i));
                continue;
            }
            if (!current.containsNormalized(norm, schema)) {
                left.add(change.values().get(i));
            }
        }
        return new Attribute(change.description(), left);
    }

    private void addStored(Entry entry, Attribute current, Attribute change) throws LdapException {
        List<String> norms = new ArrayList<>(change.size());
        for (int i = 0; i < change.size(); i++) {
            String norm = normalize(change, i);
            if (norms.contains(norm) || current.containsNormalized(norm, schema)) {
                throw new LdapException(
                        ResultCode.ATTRIBUTE_OR_VALUE_EXISTS,
                        "modify/add: " + change.description().given() + ": value #" + i + " already exists");
            }
            norms.add(norm);
        }
        entry.put(current.withAdded(change.values(), norms));
    }

    private void deleteStored(Entry entry, Attribute current, Attribute change) throws LdapException {
        List<String> norms = new ArrayList<>(change.size());
        for (int i = 0; i < change.size(); i++) {
            String norm = normalize(change, i);
            if (norms.contains(norm) || !current.containsNormalized(norm, schema)) {
                throw new LdapException(
                        ResultCode.NO_SUCH_ATTRIBUTE,
                        "modify/delete: " + change.description().given() + ": no such value");
            }
            norms.add(norm);
        }
        entry.put(current.withRemoved(norms, schema)); // no value left: the attribute goes (a cursor step tells)
    }

    private void increment(Entry entry, AttributeDescription desc, Attribute current, Attribute change)
            throws LdapException {
        if (change.size() != 1) {
            throw new LdapException(
                    ResultCode.PROTOCOL_ERROR, "modify/increment: " + desc.given() + ": exactly one value required");
        }
        if (desc.type().equality() == null || !desc.type().equality().name().equals("integerMatch")) {
            throw new LdapException(
                    ResultCode.CONSTRAINT_VIOLATION,
                    "modify/increment: " + desc.given() + ": increment not supported for value syntax");
        }
        if (current == null) {
            throw new LdapException(
                    ResultCode.NO_SUCH_ATTRIBUTE, "modify/increment: " + desc.given() + ": no such attribute");
        }
        BigInteger delta = integer(change.values().get(0), desc);
        List<byte[]> values = new ArrayList<>();
        for (byte[] v : current.values()) {
            values.add(integer(v, desc).add(delta).toString().getBytes(StandardCharsets.US_ASCII));
        }
        entry.put(new Attribute(desc, values));
    }

    private static BigInteger integer(byte[] value, AttributeDescription desc) throws LdapException {
        try {
            return new BigInteger(new String(value, StandardCharsets.US_ASCII).strip());
        } catch (NumberFormatException e) {
            throw new LdapException(
                    ResultCode.INVALID_ATTRIBUTE_SYNTAX, "modify/increment: " + desc.given() + ": invalid syntax");
        }
    }

    private String normalize(Attribute change, int i) throws LdapException {
        try {
            return change.description().type().normalize(change.values().get(i), schema);
        } catch (LdapException e) {
            throw new LdapException(
                    ResultCode.INVALID_ATTRIBUTE_SYNTAX,
                    change.description().given() + ": value #" + i + " invalid per syntax");
        }
    }
}
