package dev.linden.backend;

import dev.linden.model.AttributeDescription;
import dev.linden.model.Entry;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.storage.Storage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The attribute indexes of a backend: built once from the configuration (plus an equality index for
 * every attribute referential integrity keeps in step, which finds referring entries through it),
 * kept in step with each stored entry, and asked for IDs by value.
 */
final class IndexSet {
    private final Schema schema;
    private final List<AttributeIndex> indexes = new ArrayList<>();
    private final Map<AttributeType, AttributeIndex> byType;
    private final List<AttributeType> referenceTypes = new ArrayList<>();

    IndexSet(Storage storage, Schema schema, BackendConfig config) {
        this.schema = schema;
        Map<AttributeType, AttributeIndex> types = new HashMap<>();
        for (var e : config.indexes().entrySet()) {
            AttributeType type = schema.attributeType(e.getKey());
            if (type == null) {
                throw new IllegalArgumentException("index on undefined attribute type " + e.getKey());
            }
            AttributeIndex index = new AttributeIndex(storage, schema, type, e.getValue());
            indexes.add(index);
            types.put(type, index);
        }
        for (String name : config.referentialIntegrity()) {
            AttributeType type = schema.attributeType(name);
            if (type == null) {
                throw new IllegalArgumentException("referential integrity on undefined attribute type " + name);
            }
            AttributeIndex existing = types.get(type);
            if (existing == null || !existing.has(IndexKind.EQUALITY)) {
                Set<IndexKind> kinds = EnumSet.of(IndexKind.EQUALITY);
                if (existing != null) {
                    indexes.remove(existing);
                    for (IndexKind k : IndexKind.values()) {
                        if (existing.has(k)) {
                            kinds.add(k);
                        }
                    }
                }
                AttributeIndex index = new AttributeIndex(storage, schema, type, kinds);
                indexes.add(index);
                types.put(type, index);
            }
            referenceTypes.add(type);
        }
        this.byType = Map.copyOf(types);
    }

    /** The DN-valued types referential integrity keeps in step (each has an equality index). */
    List<AttributeType> referenceTypes() {
        return referenceTypes;
    }

    /** The index of this type when it has this kind, else null. */
    AttributeIndex of(AttributeType type, IndexKind kind) {
        AttributeIndex index = byType.get(type);
        return index != null && index.has(kind) ? index : null;
    }

    /** The index for exactly this attribute description (an index holds every option's values), or null. */
    AttributeIndex of(String attribute, IndexKind kind) {
        AttributeDescription desc = AttributeDescription.tryParse(attribute, schema);
        return desc == null ? null : of(desc.type(), kind);
    }

    /** Brings every index from {@code before} (null: a new entry) to {@code after}, by delta where an index can. */
    void update(BackendTx tx, long id, Entry before, Entry after) {
        for (AttributeIndex index : indexes) {
            if (!index.updateByDelta(tx, id, before, after)) {
                index.update(tx, id, before, after);
            }
        }
    }

    /** Removes a deleted entry's keys from every index. */
    void remove(BackendTx tx, long id, Entry entry) {
        for (AttributeIndex index : indexes) {
            index.update(tx, id, entry, null);
        }
    }

    Set<String> names() {
        Set<String> names = new TreeSet<>();
        indexes.forEach(i -> names.add(i.type().name()));
        return names;
    }
}
