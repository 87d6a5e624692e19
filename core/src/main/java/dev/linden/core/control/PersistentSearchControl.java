package dev.linden.core.control;

import dev.linden.core.Oids;
import dev.linden.model.LdapException;
import dev.linden.protocol.Control;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import java.util.List;

/**
 * The persistent search control (draft-ietf-ldapext-psearch): PersistentSearch ::= SEQUENCE {
 * changeTypes INTEGER, changesOnly BOOLEAN, returnECs BOOLEAN }; changeTypes is a mask of add (1),
 * delete (2), modify (4) and modDN (8). Entries sent for changes carry the entry change notification
 * control when returnECs is set.
 */
public record PersistentSearchControl(int changeTypes, boolean changesOnly, boolean returnEcs) {
    public static final int ADD = 1;
    public static final int DELETE = 2;
    public static final int MODIFY = 4;
    public static final int MOD_DN = 8;

    /** The request's persistent search control, or null when it has none. */
    public static PersistentSearchControl of(List<Control> controls) throws LdapException {
        Control c = KnownControls.find(controls, Oids.PERSISTENT_SEARCH);
        if (c == null) {
            return null;
        }
        BerReader r = ControlValues.reader(c, "persistent search");
        try {
            BerReader v = r.readSequence(BerTags.SEQUENCE);
            r.expectEnd("the persistent search control");
            int types = v.readIntInRange(BerTags.INTEGER, 1, ADD | DELETE | MODIFY | MOD_DN, "changeTypes");
            boolean changesOnly = v.readBoolean();
            boolean returnEcs = v.readBoolean();
            v.expectEnd("the persistent search request");
            return new PersistentSearchControl(types, changesOnly, returnEcs);
        } catch (BerException e) {
            throw ControlValues.malformed("persistent search", e);
        }
    }

    public boolean wants(int changeType) {
        return (changeTypes & changeType) != 0;
    }

    /**
     * EntryChangeNotification ::= SEQUENCE { changeType ENUMERATED, previousDN LDAPDN OPTIONAL (modDN
     * only), changeNumber INTEGER OPTIONAL }.
     */
    public static Control notification(int changeType, String previousDn, long changeNumber) {
        BerWriter w = new BerWriter(64).begin(BerTags.SEQUENCE).enumerated(changeType);
        if (previousDn != null) {
            w.string(previousDn);
        }
        return new Control(
                Oids.ENTRY_CHANGE_NOTIFICATION,
                false,
                w.integer(changeNumber).end().toByteArray());
    }
}
