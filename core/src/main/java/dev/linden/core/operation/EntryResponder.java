package dev.linden.core.operation;

import dev.linden.backend.BackendView;
import dev.linden.backend.EntryCodec;
import dev.linden.core.AccessPolicy;
import dev.linden.core.acl.EntryRights;
import dev.linden.core.acl.Right;
import dev.linden.core.control.MatchedValuesControl;
import dev.linden.model.Attribute;
import dev.linden.model.Entry;
import dev.linden.model.schema.AttributeType;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.op.SearchResultEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the SearchResultEntry for an entry and an attribute selection. When the client wants all
 * user attributes and nothing more, the stored user section goes out as it is, without decoding.
 */
final class EntryResponder {
    private final AccessPolicy access;
    private final ComputedAttributes computed;
    private final boolean withComputed;

    EntryResponder(AccessPolicy access, ComputedAttributes computed) {
        this(access, computed, true);
    }

    /**
     * @param withComputed whether "+" and named operational attributes include the computed ones
     *     (entryDN, hasSubordinates, numSubordinates, subschemaSubentry, memberOf); a content
     *     synchronization leaves them out: each server computes its own, and slapd's consumer refuses
     *     attributes it does not define
     */
    EntryResponder(AccessPolicy access, ComputedAttributes computed, boolean withComputed) {
        this.access = access;
        this.computed = computed;
        this.withComputed = withComputed;
    }

    SearchResultEntry respond(
            Entry entry,
            EntryCodec.Stored stored,
            long id,
            BackendView view,
            AttributeSelection selection,
            boolean typesOnly,
            EntryRights rights,
            dev.linden.backend.Selection dynamic) {
        return respond(entry, stored, id, view, selection, typesOnly, rights, dynamic, null, false);
    }

    /**
     * @param values the matched values control of the search (RFC 3876), or null: only the values it keeps go out
     * @param stream whether values kept apart may be left in the store, for the connection to stream
     *     them as it encodes the entry at once (a search's entry; not one whose values are looked at)
     */
    SearchResultEntry respond(
            Entry entry,
            EntryCodec.Stored stored,
            long id,
            BackendView view,
            AttributeSelection selection,
            boolean typesOnly,
            EntryRights rights,
            dev.linden.backend.Selection dynamic,
            MatchedValuesControl values,
            boolean stream) {
        if (values == null
                && !typesOnly
                && stored != null
                && selection.isAllUserOnly()
                && rights.uniform()
                && rights.onEntry(Right.READ)) {
            // every ordinary attribute is readable and no secret is: the stored section goes out as it is
            // (secrets are kept apart, in a section of their own)
            return new SearchResultEntry(entry.dn().toString(), List.of(), stored.user());
        }
        List<PartialAttribute> out = new ArrayList<>();
        for (Attribute a : entry.attributes()) {
            if (!selection.wants(a.description()) || !rights.on(a.description().type(), Right.READ)) { // secrets too
                continue;
            }
            add(out, a, typesOnly, values, stream);
        }
        for (AttributeType type : withComputed ? computed.types() : List.<AttributeType>of()) {
            if (id != 0 && selection.wantsType(type) && rights.on(type, Right.READ)) { // id 0: root DSE, subschema
                Attribute a = computed.compute(type, entry, id, view, dynamic);
                if (a == null) {
                    continue; // an entry in no group has no memberOf
                }
                add(out, a, typesOnly, values, false);
            }
        }
        return new SearchResultEntry(entry.dn().toString(), out);
    }

    private static void add(
            List<PartialAttribute> out, Attribute a, boolean typesOnly, MatchedValuesControl values, boolean stream) {
        if (stream && !typesOnly && values == null && streams(a)) {
            out.add(PartialAttribute.streamed(a.description().given(), a.store()));
            return;
        }
        List<byte[]> kept = values == null ? a.values() : values.keep(a);
        if (values != null && kept.isEmpty()) {
            return; // no value matched: the attribute is left out
        }
        out.add(new PartialAttribute(a.description().given(), typesOnly ? List.of() : kept));
    }

    /**
     * Whether the attribute's values go out as they are read from the store (a huge group's members,
     * read in the search's transaction and unchanged since), instead of listed in memory first.
     */
    private static boolean streams(Attribute a) {
        return a.isStored()
                && a.added().isEmpty()
                && a.removedNormalized().isEmpty()
                && a.store().readsOneState();
    }
}
