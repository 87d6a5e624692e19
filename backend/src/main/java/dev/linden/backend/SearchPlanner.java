package dev.linden.backend;

import dev.linden.model.AttributeDescription;
import dev.linden.model.LdapException;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.filter.Filter;
import dev.linden.storage.ReadTx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a filter into candidate entry IDs from the attribute indexes. A result of null means "no
 * index narrows this": the caller scans the scope instead. Candidates are a superset of the matches;
 * every one is checked against the filter afterwards.
 */
final class SearchPlanner {
    private final Schema schema;
    private final Map<AttributeType, AttributeIndex> indexes;

    SearchPlanner(Schema schema, Map<AttributeType, AttributeIndex> indexes) {
        this.schema = schema;
        this.indexes = indexes;
    }

    IdSet candidates(ReadTx tx, Filter filter) {
        return switch (filter) {
            case Filter.And and -> {
                IdSet result = null;
                for (Filter f : and.filters()) {
                    IdSet ids = candidates(tx, f);
                    if (ids != null) {
                        result = result == null ? ids : result.intersect(ids);
                        if (result.isEmpty()) {
                            break;
                        }
                    }
                }
                yield result;
            }
            case Filter.Or or -> {
                if (or.filters().isEmpty()) {
                    yield IdSet.of(); // (|) is absolute false (RFC 4526)
                }
                IdSet result = IdSet.of();
                for (Filter f : or.filters()) {
                    IdSet ids = candidates(tx, f);
                    if (ids == null) {
                        yield null;
                    }
                    result = result.union(ids);
                }
                yield result;
            }
            case Filter.Equality eq -> {
                AttributeIndex index = index(eq.attribute(), IndexKind.EQUALITY);
                if (index == null) {
                    yield null;
                }
                try {
                    yield index.equality(tx, index.type().normalize(eq.value(), schema));
                } catch (LdapException e) {
                    yield IdSet.of(); // an assertion the rule refuses is Undefined: it matches nothing
                }
            }
            case Filter.Present p -> {
                AttributeIndex index = index(p.attribute(), IndexKind.PRESENCE);
                yield index == null ? null : index.presence(tx);
            }
            case Filter.Substrings s -> {
                AttributeIndex index = index(s.attribute(), IndexKind.SUBSTRING);
                if (index == null || index.type().substring() == null) {
                    yield null;
                }
                try {
                    var rule = index.type().substring();
                    String initial = s.initial() == null ? null : rule.normalizeSubstring(s.initial(), schema);
                    String fin = s.fin() == null ? null : rule.normalizeSubstring(s.fin(), schema);
                    List<String> any = new ArrayList<>();
                    for (byte[] a : s.any()) {
                        any.add(rule.normalizeSubstring(a, schema));
                    }
                    yield index.substrings(tx, initial, any, fin);
                } catch (LdapException e) {
                    yield IdSet.of();
                }
            }
            default -> null; // NOT, ordering, approximate and extensible: scan
        };
    }

    /** The index for exactly this attribute (no options: an index holds every option's values). */
    private AttributeIndex index(String attribute, IndexKind kind) {
        AttributeDescription desc = AttributeDescription.tryParse(attribute, schema);
        if (desc == null) {
            return null;
        }
        AttributeIndex index = indexes.get(desc.type());
        return index != null && index.has(kind) ? index : null;
    }
}
