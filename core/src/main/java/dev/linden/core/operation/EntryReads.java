package dev.linden.core.operation;

import dev.linden.core.AccessPolicy;
import dev.linden.core.Directory;
import dev.linden.core.acl.AccessContext;
import dev.linden.core.acl.EntryRights;
import dev.linden.core.acl.Right;
import dev.linden.model.Entry;
import dev.linden.model.filter.FilterEvaluator;
import dev.linden.protocol.op.SearchResultEntry;
import java.util.List;

/**
 * Reading one entry for a control rather than a search: an assertion judged with the asker's search
 * rights (on the stored attributes: it runs inside the update's transaction, where no other read may
 * start), and the entry a pre-read or post-read returns, with the attributes the asker may read
 * (computed ones included, read after the commit).
 */
final class EntryReads {
    private final Directory directory;
    private final AccessPolicy access;
    private final EntryResponder responder;

    EntryReads(Directory directory, AccessPolicy access) {
        this.directory = directory;
        this.access = access;
        this.responder = new EntryResponder(
                access,
                new ComputedAttributes(
                        directory.schema(), directory.config().groups().nestedMemberOf()));
    }

    /** The filter evaluator an assertion on this entry uses: items on attributes the asker may not search are Undefined. */
    FilterEvaluator evaluator(AccessContext actx, Entry entry) {
        EntryRights rights = access.rights(actx, entry);
        return new FilterEvaluator(
                directory.schema(),
                dev.linden.model.filter.VirtualAttributes.NONE,
                type -> rights.on(type, Right.SEARCH));
    }

    /** The entry as a search asking for {@code attributes} would return it to this asker. */
    SearchResultEntry read(AccessContext actx, Entry entry, List<String> attributes) {
        EntryRights rights = access.rights(actx, entry);
        AttributeSelection selection = AttributeSelection.parse(attributes, directory.schema());
        return responder.respond(
                entry,
                null,
                DnView.ID,
                new DnView(directory.backend(), entry.dn()),
                selection,
                false,
                rights,
                access.selection(actx));
    }
}
