package dev.linden.core.control;

import dev.linden.core.Oids;
import dev.linden.model.AttributeDescription;
import dev.linden.model.LdapException;
import dev.linden.model.matching.MatchingRule;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.Control;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The server-side sort request (RFC 2891): SortKeyList ::= SEQUENCE OF SEQUENCE { attributeType,
 * orderingRule [0] OPTIONAL, reverseOrder [1] BOOLEAN DEFAULT FALSE }. Each key needs an ordering
 * rule, named in it or the attribute's own; as slapd's sssvlv, a key it cannot use fails the search
 * critical or not (noSuchAttribute for an unknown type, inappropriateMatching without an ordering
 * rule), and more than {@link #MAX_KEYS} keys is unwillingToPerform.
 */
public record SortControl(List<Key> keys, boolean critical) {
    public static final int MAX_KEYS = 5;

    /** One key: the attribute, how its values are ordered, and whether the order is reversed. */
    public record Key(AttributeDescription attribute, MatchingRule ordering, boolean reverse) {}

    /** The request's sort control, or null when it has none. */
    public static SortControl of(List<Control> controls, Schema schema) throws LdapException {
        Control c = KnownControls.find(controls, Oids.SORT_REQUEST);
        if (c == null) {
            return null;
        }
        BerReader r = ControlValues.reader(c, "sorted results");
        List<String[]> raw = new ArrayList<>();
        try {
            BerReader list = r.readSequence(BerTags.SEQUENCE);
            r.expectEnd("the sort control");
            while (list.hasMore()) {
                BerReader key = list.readSequence(BerTags.SEQUENCE);
                String attribute = key.readUtf8();
                String rule = key.hasMore() && key.peekTag() == 0x80 ? key.readUtf8(0x80) : null;
                boolean reverse = key.hasMore() && key.peekTag() == 0x81 && key.readBoolean(0x81);
                key.expectEnd("the sort key");
                raw.add(new String[] {attribute, rule, reverse ? "r" : ""});
            }
        } catch (BerException e) {
            throw ControlValues.malformed("sorted results", e);
        }
        if (raw.isEmpty()) {
            throw new LdapException(ResultCode.PROTOCOL_ERROR, "sorted results control value is empty");
        }
        if (raw.size() > MAX_KEYS) {
            throw new LdapException(ResultCode.UNWILLING_TO_PERFORM, "Too many sort keys");
        }
        List<Key> keys = new ArrayList<>();
        for (String[] k : raw) {
            AttributeDescription d = AttributeDescription.tryParse(k[0], schema);
            if (d == null) {
                throw new LdapException(
                        ResultCode.NO_SUCH_ATTRIBUTE, "serverSort control: Unrecognized attribute type in sort key");
            }
            MatchingRule ordering =
                    k[1] != null ? schema.matchingRule(k[1]) : d.type().ordering();
            if (ordering == null) {
                throw new LdapException(ResultCode.INAPPROPRIATE_MATCHING, "serverSort control: No ordering rule");
            }
            keys.add(new Key(d, ordering, !k[2].isEmpty()));
        }
        return new SortControl(List.copyOf(keys), c.critical());
    }

    /** SortResult ::= SEQUENCE { sortResult ENUMERATED } (slapd names no attribute). */
    public static Control response(ResultCode code) {
        return new Control(
                Oids.SORT_RESPONSE,
                false,
                new BerWriter(8)
                        .begin(BerTags.SEQUENCE)
                        .enumerated(code.code())
                        .end()
                        .toByteArray());
    }
}
