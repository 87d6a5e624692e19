package dev.linden.backend;

import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.protocol.ResultCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code cn=lost+found} under the (first) suffix: where entries whose parent was deleted concurrently
 * wait for an administrator. Every server makes the same entry (its entryUUID derived from the
 * suffix, its CSN the origin) when it first needs it and removes it when it is empty, so it is not a
 * change of its own and never differs between servers.
 */
final class LostAndFound {
    private final EntryStore store;
    private final TreeLinks links;
    private final EntryStates states;

    LostAndFound(EntryStore store, TreeLinks links, EntryStates states) {
        this.store = store;
        this.links = links;
        this.states = states;
    }

    /** The ID of lost+found, made now if it is not here. */
    long ensure(BackendTx tx) throws LdapException {
        Dn dn = dn();
        long id = store.id(tx, dn);
        if (id != 0) {
            return id;
        }
        Dn suffix = dn.parent();
        long suffixId = store.id(tx, suffix);
        if (suffixId == 0) {
            throw new LdapException(ResultCode.NO_SUCH_OBJECT, "no suffix entry for lost+found");
        }
        Entry e = new Entry(dn);
        var schema = store.schema();
        e.put(schema.attributeType("objectClass"), "top", "organizationalRole");
        e.put(schema.attributeType("cn"), "lost+found");
        e.put(
                schema.attributeType("description"),
                "Entries whose parent was deleted on another server while they were" + " added or moved below it");
        e.put(schema.attributeType("entryUUID"), uuid(suffix).toString());
        e.put(schema.attributeType("entryCSN"), EntryState.ORIGIN.toString());
        states.put(
                e,
                new EntryState(
                        EntryState.ORIGIN,
                        new EntryState.Name(
                                EntryState.ORIGIN,
                                states.uuidOf(store.load(tx, suffixId)),
                                e.dn().rdn().toString())));
        Set<String> apart = store.apart(null, e);
        return links.insert(tx, e, apart, EntryStore.encode(e, apart));
    }

    /** Takes lost+found away once nothing is left in it. */
    void removeIfEmpty(BackendTx tx) throws LdapException {
        Dn dn = dn();
        long id = store.id(tx, dn);
        if (id != 0 && !store.id2children.hasChildren(tx, id)) {
            Entry e = store.load(tx, id);
            if (uuid(dn.parent()).toString().equals(states.uuidOf(e))) { // one an administrator made is theirs
                links.unlink(tx, id, dn, e);
            }
        }
    }

    private Dn dn() throws LdapException {
        Dn suffix = store.suffixes().get(0);
        return suffix.child(DnSyntax.makeRdn(List.of(DnSyntax.ava("cn", "lost+found", store.schema()))));
    }

    private static UUID uuid(Dn suffix) {
        return UUID.nameUUIDFromBytes(("lost+found," + suffix.normalized()).getBytes(StandardCharsets.UTF_8));
    }
}
