package dev.linden.core.operation;

import dev.linden.core.Oids;
import dev.linden.core.OperationContext;
import dev.linden.core.acl.AccessContext;
import dev.linden.core.control.AssertionControl;
import dev.linden.core.control.KnownControls;
import dev.linden.core.control.ReadEntryControl;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.protocol.Control;
import java.util.ArrayList;
import java.util.List;

/**
 * The controls of one update request that look at its target entry: the assertion (RFC 4528), tested
 * on the entry as the update's transaction finds it, and the pre-read and post-read (RFC 4527), whose
 * entries are taken in that transaction and turned into response controls once it committed.
 */
final class UpdateControls {
    private final EntryReads reads;
    private final AccessContext actx;
    private final AssertionControl assertion;
    private final ReadEntryControl preRead;
    private final ReadEntryControl postRead;
    private Entry before;
    private Entry after;

    private UpdateControls(
            EntryReads reads,
            AccessContext actx,
            AssertionControl assertion,
            ReadEntryControl preRead,
            ReadEntryControl postRead) {
        this.reads = reads;
        this.actx = actx;
        this.assertion = assertion;
        this.preRead = preRead;
        this.postRead = postRead;
    }

    /** The request's controls, read before anything else happens (a malformed one is a protocolError). */
    static UpdateControls of(OperationContext ctx, AccessContext actx, EntryReads reads) throws LdapException {
        List<Control> controls = ctx.request().controls();
        var op = ctx.request().op();
        return new UpdateControls(
                reads,
                actx,
                AssertionControl.of(controls),
                KnownControls.applies(Oids.PRE_READ, op) ? ReadEntryControl.of(controls, Oids.PRE_READ) : null,
                KnownControls.applies(Oids.POST_READ, op) ? ReadEntryControl.of(controls, Oids.POST_READ) : null);
    }

    /** In the transaction: the target entry as it is now — the assertion must hold, and the pre-read keeps it. */
    void before(Entry current) throws LdapException {
        if (assertion != null) {
            assertion.check(current, reads.evaluator(actx, current));
        }
        if (preRead != null) {
            before = current.copy();
        }
    }

    /** In the transaction (or after, for the stored form): the entry as the update leaves it, for the post-read. */
    void after(Entry result) {
        if (postRead != null) {
            after = result;
        }
    }

    /** The pre-read and post-read response controls, built after the commit. */
    List<Control> responses() {
        List<Control> out = new ArrayList<>(2);
        if (before != null) {
            out.add(preRead.response(reads.read(actx, before, preRead.attributes())));
        }
        if (after != null) {
            out.add(postRead.response(reads.read(actx, after, postRead.attributes())));
        }
        return out;
    }
}
