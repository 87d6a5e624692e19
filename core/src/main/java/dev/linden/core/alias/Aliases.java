package dev.linden.core.alias;

import dev.linden.backend.BackendView;
import dev.linden.core.referral.ObjectClasses;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;
import java.util.HashSet;
import java.util.Set;

/**
 * Alias entries (RFC 4512 2.6) and where they lead, as slapd follows them: an alias stands for the
 * entry its aliasedObjectName names, itself perhaps an alias, or a name below an alias, which stands
 * for the same name below the alias's target. A chain that comes back to an alias it passed is
 * aliasProblem ("circular alias"), one that ends at no entry is aliasProblem ("aliasedObject not
 * found"), each naming the alias it stopped at as matchedDN.
 */
public final class Aliases {
    /** How many aliases one resolution may pass: past that, a chain is treated as a loop. */
    private static final int MAX_HOPS = 64;

    private final Schema schema;
    private final ObjectClasses classes;
    private final AttributeType aliasedObjectName;

    public Aliases(Schema schema) {
        this.schema = schema;
        this.classes = new ObjectClasses(schema, "alias");
        this.aliasedObjectName = schema.attributeType("aliasedObjectName");
    }

    public boolean isAlias(Entry entry) {
        return classes.isA(entry);
    }

    /**
     * The name {@code dn} stands for once every alias on its way is followed (a search's base when
     * finding it dereferences): the entry itself when no alias is in the way, or a missing name with
     * no alias above it (the search then answers noSuchObject for it).
     */
    public Dn resolve(BackendView view, Dn dn) throws LdapException {
        Set<Dn> passed = new HashSet<>();
        Dn current = dn;
        while (true) {
            Entry entry = view.get(current);
            Entry via = entry;
            if (entry == null) { // a name below an alias stands for the same name below its target
                via = nearestAncestor(view, current);
                if (via == null || !isAlias(via)) {
                    return current;
                }
            } else if (!isAlias(entry)) {
                return current;
            }
            if (!passed.add(via.dn()) || passed.size() > MAX_HOPS) {
                throw new LdapException(
                        ResultCode.ALIAS_PROBLEM, "circular alias", via.dn().toString());
            }
            Dn target = target(via);
            if (target == null || (view.get(target) == null && !aliasAbove(view, target))) {
                throw new LdapException(
                        ResultCode.ALIAS_PROBLEM,
                        "aliasedObject not found",
                        via.dn().toString());
            }
            current = entry == null ? current.rebase(via.dn(), target) : target;
        }
    }

    /** Where an alias points; null when its aliasedObjectName is missing or not a DN. */
    public Dn target(Entry aliasEntry) {
        String value = aliasEntry.firstString(aliasedObjectName);
        if (value == null) {
            return null;
        }
        try {
            return DnSyntax.parse(value, schema);
        } catch (LdapException e) {
            return null;
        }
    }

    private boolean aliasAbove(BackendView view, Dn dn) {
        Entry above = nearestAncestor(view, dn);
        return above != null && isAlias(above);
    }

    private static Entry nearestAncestor(BackendView view, Dn dn) {
        for (Dn d = dn.parent(); d != null && !d.isRoot(); d = d.parent()) {
            Entry e = view.get(d);
            if (e != null) {
                return e;
            }
        }
        return null;
    }
}
