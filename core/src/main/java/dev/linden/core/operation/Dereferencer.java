package dev.linden.core.operation;

import dev.linden.backend.BackendView;
import dev.linden.core.AccessPolicy;
import dev.linden.core.acl.AccessContext;
import dev.linden.core.acl.EntryRights;
import dev.linden.core.acl.Right;
import dev.linden.core.control.DerefControl;
import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.Control;
import dev.linden.protocol.PartialAttribute;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The dereference control's answer for one entry of a search: for each DN value of each derefAttr the
 * asker may read, the value and, when it names an entry the asker may read, that entry's requested
 * attributes they may read — looked up in the search's own transaction, so one round trip gives a
 * group with its members' names (SSSD's use).
 */
final class Dereferencer {
    private final DerefControl control;
    private final Schema schema;
    private final AccessPolicy access;
    private final AccessContext actx;
    private final EntryResponder responder;
    private final List<AttributeSelection> selections = new ArrayList<>();

    Dereferencer(
            DerefControl control, Schema schema, AccessPolicy access, AccessContext actx, EntryResponder responder) {
        this.control = control;
        this.schema = schema;
        this.access = access;
        this.actx = actx;
        this.responder = responder;
        for (DerefControl.Spec spec : control.specs()) {
            selections.add(AttributeSelection.parse(
                    spec.attributes().stream().map(AttributeDescription::given).toList(), schema));
        }
    }

    /** The response control for this entry, or none when it has no value to follow. */
    List<Control> controls(Entry entry, BackendView view, EntryRights rights) {
        List<DerefControl.Result> results = new ArrayList<>();
        for (int i = 0; i < control.specs().size(); i++) {
            DerefControl.Spec spec = control.specs().get(i);
            if (!rights.on(spec.derefAttr().type(), Right.READ)) {
                continue;
            }
            for (Attribute a : entry.matching(spec.derefAttr())) {
                for (byte[] value : a.values()) {
                    String text = new String(value, StandardCharsets.UTF_8);
                    results.add(new DerefControl.Result(
                            spec.derefAttr().given(), text, attributes(text, view, selections.get(i))));
                }
            }
        }
        return results.isEmpty() ? List.of() : List.of(DerefControl.response(results));
    }

    /** The requested attributes of the entry a value names, or null when there is none the asker may read. */
    private List<PartialAttribute> attributes(String value, BackendView view, AttributeSelection selection) {
        Dn dn;
        try {
            dn = DnSyntax.parse(value, schema);
        } catch (LdapException e) {
            return null;
        }
        Entry target = view.get(dn);
        if (target == null) {
            return null;
        }
        EntryRights rights = access.rights(actx, target);
        if (!rights.onEntry(Right.READ)) {
            return null;
        }
        return responder
                .respond(target, null, 0, view, selection, false, rights, access.selection(actx))
                .attributes();
    }
}
