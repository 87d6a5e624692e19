package dev.linden.core.ppolicy;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Entry;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The attribute types of an account's policy state, looked up once, and reading and writing them. */
final class StateAttributes {
    final AttributeType userPassword;
    final AttributeType failureTime;
    final AttributeType lockedTime;
    final AttributeType changedTime;
    final AttributeType graceUseTime;
    final AttributeType reset;
    final AttributeType history;
    final AttributeType policySubentry;

    StateAttributes(Schema schema) {
        this.userPassword = required(schema, "userPassword");
        this.failureTime = required(schema, "pwdFailureTime");
        this.lockedTime = required(schema, "pwdAccountLockedTime");
        this.changedTime = required(schema, "pwdChangedTime");
        this.graceUseTime = required(schema, "pwdGraceUseTime");
        this.reset = required(schema, "pwdReset");
        this.history = required(schema, "pwdHistory");
        this.policySubentry = required(schema, "pwdPolicySubentry");
    }

    private static AttributeType required(Schema schema, String name) {
        AttributeType type = schema.attributeType(name);
        if (type == null) {
            throw new IllegalStateException("the schema lacks " + name + " (bundled password policy schema missing?)");
        }
        return type;
    }

    AccountState read(Entry entry) {
        String reset = entry.firstString(this.reset);
        return new AccountState(
                times(entry, failureTime),
                time(entry, lockedTime),
                time(entry, changedTime),
                entry.strings(graceUseTime).size(),
                reset != null && reset.strip().equalsIgnoreCase("TRUE"));
    }

    private static Instant time(Entry entry, AttributeType type) {
        String v = entry.firstString(type);
        return v == null ? null : GeneralizedTime.parse(v);
    }

    private static List<Instant> times(Entry entry, AttributeType type) {
        List<Instant> out = new ArrayList<>();
        for (String v : entry.strings(type)) {
            Instant t = GeneralizedTime.parse(v);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    static void putTimes(Entry entry, AttributeType type, List<Instant> times) {
        List<byte[]> values = new ArrayList<>(times.size());
        for (Instant t : times) {
            byte[] v = GeneralizedTime.withFraction(t).getBytes(StandardCharsets.US_ASCII);
            if (values.stream().noneMatch(x -> java.util.Arrays.equals(x, v))) {
                values.add(v);
            }
        }
        entry.put(new Attribute(AttributeDescription.of(type), values)); // no values: removed
    }

    static void remove(Entry entry, AttributeType type) {
        entry.remove(AttributeDescription.of(type));
    }
}
