package dev.linden.core;

import dev.linden.backend.Backend;
import dev.linden.core.acl.AccessContext;
import dev.linden.core.acl.AccessControl;
import dev.linden.core.acl.EntryRights;
import dev.linden.core.acl.Right;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.AttributeType;
import dev.linden.protocol.ResultCode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The operations' view of access control: the checks each operation makes, with the result codes
 * that do not leak what the asker may not see. An entry the asker has no right to see beyond
 * authenticating against it is answered as if it did not exist (noSuchObject, with a matchedDN the
 * asker may see), so noSuchObject and insufficientAccessRights cannot be told apart to probe the tree.
 */
public final class AccessPolicy {
    private static final Set<Right> DISCLOSING =
            EnumSet.of(Right.COMPARE, Right.SEARCH, Right.READ, Right.WRITE, Right.ADD, Right.DELETE, Right.MANAGE);

    private final AccessControl acl;
    private final Backend backend;
    private final LiveContexts live;

    public AccessPolicy(AccessControl acl, Backend backend, LiveContexts live) {
        this.acl = acl;
        this.backend = backend;
        this.live = live;
    }

    public AccessContext context(Session session) {
        return acl.context(session);
    }

    public AccessControl acl() {
        return acl;
    }

    public boolean discloses(AccessContext ctx, Entry entry) {
        Set<Right> rights = acl.onEntry(ctx, entry);
        for (Right r : DISCLOSING) {
            if (rights.contains(r)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a dynamic group may select for this asker: entries they may read, whose attributes tested
     * by the group's URL filter they may search (so a group never reveals what a search would not).
     */
    public dev.linden.backend.Selection selection(AccessContext ctx) {
        if (acl.isRoot(ctx)) {
            return dev.linden.backend.Selection.SERVER;
        }
        return (entry, filter) -> {
            EntryRights rights = rights(ctx, entry);
            if (!rights.onEntry(Right.READ)) {
                return false;
            }
            for (String name : filterAttributes(filter, new java.util.ArrayList<>())) {
                AttributeType type = schemaType(name);
                if (type != null && !rights.on(type, Right.SEARCH)) {
                    return false;
                }
            }
            return true;
        };
    }

    private AttributeType schemaType(String description) {
        int semi = description.indexOf(';');
        return backend.schema().attributeType(semi < 0 ? description : description.substring(0, semi));
    }

    private static java.util.List<String> filterAttributes(
            dev.linden.protocol.filter.Filter f, java.util.List<String> out) {
        switch (f) {
            case dev.linden.protocol.filter.Filter.And a -> a.filters().forEach(x -> filterAttributes(x, out));
            case dev.linden.protocol.filter.Filter.Or o -> o.filters().forEach(x -> filterAttributes(x, out));
            case dev.linden.protocol.filter.Filter.Not n -> filterAttributes(n.filter(), out);
            case dev.linden.protocol.filter.Filter.Equality x -> out.add(x.attribute());
            case dev.linden.protocol.filter.Filter.Present x -> out.add(x.attribute());
            case dev.linden.protocol.filter.Filter.Substrings x -> out.add(x.attribute());
            case dev.linden.protocol.filter.Filter.GreaterOrEqual x -> out.add(x.attribute());
            case dev.linden.protocol.filter.Filter.LessOrEqual x -> out.add(x.attribute());
            case dev.linden.protocol.filter.Filter.Approx x -> out.add(x.attribute());
            case dev.linden.protocol.filter.Filter.Extensible x -> {
                if (x.attribute() != null) {
                    out.add(x.attribute());
                }
            }
        }
        return out;
    }

    public EntryRights rights(AccessContext ctx, Entry entry) {
        return acl.rights(ctx, entry);
    }

    /** The entry, if it exists and the asker may know it does; otherwise noSuchObject. */
    public Entry visible(AccessContext ctx, Dn dn) throws LdapException {
        LiveContext context = live.holding(dn);
        if (context != null) {
            List<Entry> entries = context.entries();
            Entry entry = LiveContexts.find(entries, dn);
            if (entry == null || !discloses(ctx, context, entry)) {
                throw noSuchObject(ctx, context, entries, dn);
            }
            return entry;
        }
        Entry entry = backend.find(dn);
        if (entry == null || !discloses(ctx, entry)) {
            // outside the naming contexts no ancestor can be named either
            throw backend.suffixOf(dn) == null
                    ? new LdapException(ResultCode.NO_SUCH_OBJECT, "")
                    : noSuchObject(ctx, dn);
        }
        return entry;
    }

    /** noSuchObject whose matchedDN is the nearest ancestor the asker may see, found in one transaction. */
    public LdapException noSuchObject(AccessContext ctx, Dn dn) {
        return backend.read(view -> noSuchObject(ctx, dn, view));
    }

    /** Whether the asker may know of this entry of a live context. */
    public boolean discloses(AccessContext ctx, LiveContext context, Entry entry) {
        return (context.allowsProxied() || !ctx.session().isProxied()) && discloses(ctx, entry);
    }

    /** noSuchObject for a name in a live context, matchedDN the nearest entry of it the asker may see. */
    public LdapException noSuchObject(AccessContext ctx, LiveContext context, List<Entry> entries, Dn dn) {
        for (Dn d = dn.parent(); d != null && d.isWithin(context.suffix()); d = d.parent()) {
            Entry e = LiveContexts.find(entries, d);
            if (e != null && discloses(ctx, context, e)) {
                return new LdapException(ResultCode.NO_SUCH_OBJECT, "", e.dn().toString());
            }
        }
        return new LdapException(ResultCode.NO_SUCH_OBJECT, "");
    }

    /**
     * Refuses any change to a live context: unwillingToPerform (it is read-only) to an asker who may
     * see it, noSuchObject to everyone else, as if it were not there. Names elsewhere pass.
     */
    public void refuseLiveWrite(AccessContext ctx, Dn dn) throws LdapException {
        LiveContext context = live.holding(dn);
        if (context == null) {
            return;
        }
        Entry top = LiveContexts.find(context.entries(), context.suffix());
        if (top == null || !discloses(ctx, context, top)) {
            throw new LdapException(ResultCode.NO_SUCH_OBJECT, "");
        }
        throw new LdapException(ResultCode.UNWILLING_TO_PERFORM, context.suffix() + " is read-only");
    }

    private LdapException noSuchObject(AccessContext ctx, Dn dn, dev.linden.backend.BackendView view) {
        for (Dn d = dn.parent(); d != null && !d.isRoot(); d = d.parent()) {
            Entry e = view.get(d);
            if (e != null && discloses(ctx, e)) {
                return new LdapException(ResultCode.NO_SUCH_OBJECT, "", e.dn().toString()); // as stored, not as asked
            }
        }
        return new LdapException(ResultCode.NO_SUCH_OBJECT, "");
    }

    public void require(AccessContext ctx, Entry entry, Right right) throws LdapException {
        if (!acl.allows(ctx, entry, right)) {
            throw new LdapException(
                    ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "no " + right.name().toLowerCase() + " access to entry");
        }
    }

    public void require(AccessContext ctx, Entry entry, AttributeType type, Right right) throws LdapException {
        if (!acl.allows(ctx, entry, type, right)) {
            throw new LdapException(
                    ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    "no " + right.name().toLowerCase() + " access to " + type.displayName());
        }
    }
}
