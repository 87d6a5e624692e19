package dev.linden.backend;

import dev.linden.model.Attribute;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Group membership as a graph, walked inside one read transaction: downwards from a group through
 * its member and uniqueMember values (groups among them expanded), or upwards from an entry through
 * the equality indexes of those attributes. Cycles end; walks are bounded.
 */
final class GroupGraph {
    static final int MAX_GROUPS = 10_000;
    private final Schema schema;
    private final List<AttributeType> memberTypes;

    GroupGraph(Schema schema) {
        this.schema = schema;
        this.memberTypes = List.of(schema.attributeType("member"), schema.attributeType("uniqueMember"));
    }

    /** The DNs a group lists (direct), or everything reachable through nested groups. */
    Set<Dn> members(Function<Dn, Entry> lookup, Dn group, boolean nested) {
        Set<Dn> members = new LinkedHashSet<>();
        Set<Dn> expanded = new LinkedHashSet<>();
        Deque<Dn> queue = new ArrayDeque<>(List.of(group));
        while (!queue.isEmpty() && expanded.size() < MAX_GROUPS) {
            Dn g = queue.poll();
            if (!expanded.add(g)) {
                continue;
            }
            Entry entry = lookup.apply(g);
            if (entry == null) {
                continue;
            }
            for (Dn member : memberValues(entry)) {
                if (members.add(member) && nested) {
                    queue.add(member); // expanded only if it turns out to be an entry with members
                }
            }
        }
        return members;
    }

    /** The groups that list a DN (direct), or that reach it through nested groups. */
    Set<Dn> groupsOf(Function<AttributeType, Function<String, List<Entry>>> byValue, Dn member, boolean nested) {
        Set<Dn> groups = new LinkedHashSet<>();
        Deque<Dn> queue = new ArrayDeque<>(List.of(member));
        Set<Dn> visited = new LinkedHashSet<>();
        while (!queue.isEmpty() && groups.size() < MAX_GROUPS) {
            Dn dn = queue.poll();
            if (!visited.add(dn)) {
                continue;
            }
            for (AttributeType type : memberTypes) {
                for (Entry g : byValue.apply(type).apply(dn.normalized())) {
                    if (groups.add(g.dn()) && nested) {
                        queue.add(g.dn());
                    }
                }
            }
            if (!nested) {
                break;
            }
        }
        groups.remove(member);
        return groups;
    }

    AttributeType memberType() {
        return memberTypes.get(0);
    }

    List<Dn> memberValues(Entry entry) {
        List<Dn> dns = new ArrayList<>();
        for (AttributeType type : memberTypes) {
            Attribute a = entry.get(type);
            if (a == null) {
                continue;
            }
            for (byte[] v : a.values()) {
                Dn dn = parse(v);
                if (dn != null) {
                    dns.add(dn);
                }
            }
        }
        return dns;
    }

    private Dn parse(byte[] value) {
        String s = new String(value, StandardCharsets.UTF_8);
        int hash = s.lastIndexOf('#'); // uniqueMember's optional #'0101'B
        if (hash > 0 && s.endsWith("'B")) {
            s = s.substring(0, hash);
        }
        try {
            return DnSyntax.parse(s, schema);
        } catch (LdapException e) {
            return null;
        }
    }
}
