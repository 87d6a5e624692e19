package dev.linden.core.acl;

import dev.linden.model.schema.AttributeType;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * What one asker may do with one entry and each of its attributes. {@code uniform}: every attribute
 * has the entry's rights (no rule names attributes of this entry), so a whole section can be sent
 * without looking at its attributes one by one.
 */
public record EntryRights(Set<Right> entry, Function<AttributeType, Set<Right>> attribute, boolean uniform) {
    /** The root DN's, when no rule shows it a secret: everything, except reading and searching secrets. */
    static final EntryRights ROOT = new EntryRights(
            EnumSet.allOf(Right.class),
            t -> t.isSecret() ? AccessControl.ROOT_ON_SECRETS : EnumSet.allOf(Right.class),
            true);

    public boolean onEntry(Right right) {
        return entry.contains(right);
    }

    public boolean on(AttributeType type, Right right) {
        return attribute.apply(type).contains(right);
    }
}
