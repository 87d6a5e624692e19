package dev.linden.core.control;

import dev.linden.core.Oids;
import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.filter.FilterEvaluator;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapDecoder;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.filter.Filter;
import java.util.ArrayList;
import java.util.List;

/**
 * The matched values control (RFC 3876): a list of simple filter items, and a search returns only the
 * attribute values some item matches — an item on a type matches values of its subtypes too; values
 * no item matches, and attributes left without values, are not returned, as slapd answers. Approximate
 * items match nothing (slapd does not evaluate them either).
 */
public final class MatchedValuesControl {
    private final List<Filter> items;
    private final Schema schema;
    private final FilterEvaluator evaluator;

    private MatchedValuesControl(List<Filter> items, Schema schema) {
        this.items = items;
        this.schema = schema;
        this.evaluator = new FilterEvaluator(schema);
    }

    /** The request's matched values filter, or null when it has none. */
    public static MatchedValuesControl of(List<Control> controls, Schema schema) throws LdapException {
        Control c = KnownControls.find(controls, Oids.MATCHED_VALUES);
        if (c == null) {
            return null;
        }
        BerReader r = ControlValues.reader(c, "valuesReturnFilter");
        try {
            BerReader list = r.readSequence(BerTags.SEQUENCE);
            r.expectEnd("the values return filter");
            List<Filter> items = new ArrayList<>();
            while (list.hasMore()) {
                Filter f = LdapDecoder.filter(list, Filter.MAX_DEPTH);
                if (f instanceof Filter.And || f instanceof Filter.Or || f instanceof Filter.Not) {
                    throw new BerException("a values return filter holds simple items only");
                }
                items.add(f);
            }
            return new MatchedValuesControl(List.copyOf(items), schema);
        } catch (BerException e) {
            throw ControlValues.malformed("valuesReturnFilter", e);
        }
    }

    /** The values of {@code attribute} that some item matches (empty: leave the attribute out). */
    public List<byte[]> keep(Attribute attribute) {
        List<byte[]> kept = new ArrayList<>();
        for (byte[] value : attribute.values()) {
            Entry single = new Entry(dev.linden.model.Dn.ROOT);
            single.put(new Attribute(attribute.description(), List.of(value)));
            for (Filter item : items) {
                if (covers(item, attribute.description()) && matches(item, single, attribute, value)) {
                    kept.add(value);
                    break;
                }
            }
        }
        return kept;
    }

    private boolean covers(Filter item, AttributeDescription description) {
        String name = switch (item) {
            case Filter.Equality f -> f.attribute();
            case Filter.Substrings f -> f.attribute();
            case Filter.GreaterOrEqual f -> f.attribute();
            case Filter.LessOrEqual f -> f.attribute();
            case Filter.Present f -> f.attribute();
            case Filter.Extensible f -> f.attribute() == null ? description.given() : f.attribute();
            default -> null;
        };
        AttributeDescription d = name == null ? null : AttributeDescription.tryParse(name, schema);
        return d != null && d.covers(description);
    }

    private boolean matches(Filter item, Entry single, Attribute attribute, byte[] value) {
        return switch (item) {
            case Filter.Present p -> true;
            case Filter.Approx a -> false;
            // objectClass values by their own equality, not by class inheritance as a search filter does
            case Filter.Equality eq
            when attribute.description().type().name().equals("objectclass") -> sameValue(attribute, eq.value(), value);
            default -> evaluator.matches(item, single);
        };
    }

    private boolean sameValue(Attribute attribute, byte[] asserted, byte[] value) {
        try {
            var rule = attribute.description().type().equality();
            return rule.normalize(asserted, schema).equals(rule.normalize(value, schema));
        } catch (LdapException e) {
            return false;
        }
    }
}
