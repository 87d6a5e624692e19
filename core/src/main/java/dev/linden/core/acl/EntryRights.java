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
    static final EntryRights ALL = new EntryRights(EnumSet.allOf(Right.class), t -> EnumSet.allOf(Right.class), true);

    public boolean onEntry(Right right) {
        return entry.contains(right);
    }

    public boolean on(AttributeType type, Right right) {
        return attribute.apply(type).contains(right);
    }
}
