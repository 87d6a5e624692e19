package dev.linden.backend;

import dev.linden.model.Dn;

/**
 * The DNs of entries as they are stored and shown to clients. slapd names an entry under its parent
 * as the parent names itself: a client that adds {@code cn=x,ou=PEOPLE,...} under the entry
 * {@code ou=People,...} gets {@code cn=x,ou=People,...} back, and a matchedDN names the entry as
 * stored, not as the request spelled it. Used inside the transaction of the operation.
 */
final class ShownDns {
    private final Id2Entry id2entry;
    private final EntryCache cache;

    ShownDns(Id2Entry id2entry, EntryCache cache) {
        this.id2entry = id2entry;
        this.cache = cache;
    }

    /** The DN of the entry with this ID as stored, or null. */
    Dn of(BackendTx tx, long id) {
        byte[] record = id == 0 ? null : id2entry.get(tx, id);
        return record == null ? null : cache.get(id, record).decoded.entry().dn();
    }

    /** {@code dn} with its parent part as the parent entry (with this ID) names itself; {@code dn} itself when they agree. */
    Dn underParent(BackendTx tx, Dn dn, long parentId) {
        Dn parent = of(tx, parentId);
        if (parent == null || parent.toString().equals(dn.parent().toString())) {
            return dn;
        }
        return parent.child(dn.rdn());
    }
}
