package dev.linden.model.filter;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Ava;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.Rdn;
import dev.linden.model.matching.MatchingRule;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.ObjectClass;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.filter.Filter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a search filter against an entry with the schema's matching rules, in three-valued
 * logic: an unknown attribute type or an assertion value its rule refuses makes an item Undefined,
 * which a search treats as not matching.
 */
public final class FilterEvaluator {
    private final Schema schema;
    private final VirtualAttributes virtuals;
    private final java.util.function.Predicate<AttributeType> searchable;
    private final MatchingExtension extension;

    public FilterEvaluator(Schema schema, VirtualAttributes virtuals) {
        this(schema, virtuals, t -> true);
    }

    /**
     * @param searchable the attribute types the asker may search; an item on any other type is
     *     Undefined (as in slapd), so a filter cannot test values the asker may not see, even under NOT
     */
    public FilterEvaluator(
            Schema schema, VirtualAttributes virtuals, java.util.function.Predicate<AttributeType> searchable) {
        this(schema, virtuals, searchable, MatchingExtension.NONE);
    }

    public FilterEvaluator(
            Schema schema,
            VirtualAttributes virtuals,
            java.util.function.Predicate<AttributeType> searchable,
            MatchingExtension extension) {
        this.schema = schema;
        this.virtuals = virtuals;
        this.searchable = searchable;
        this.extension = extension;
    }

    public FilterEvaluator(Schema schema) {
        this(schema, VirtualAttributes.NONE);
    }

    public boolean matches(Filter filter, Entry entry) {
        return evaluate(filter, entry) == Tristate.TRUE;
    }

    public Tristate evaluate(Filter filter, Entry entry) {
        String item = itemAttribute(filter);
        if (item != null) {
            AttributeDescription d = AttributeDescription.tryParse(item, schema);
            if (d != null && !searchable.test(d.type())) {
                return Tristate.UNDEFINED;
            }
        }
        return switch (filter) {
            case Filter.And and -> {
                Tristate result = Tristate.TRUE;
                for (Filter f : and.filters()) {
                    Tristate t = evaluate(f, entry);
                    if (t == Tristate.FALSE) {
                        yield Tristate.FALSE;
                    }
                    if (t == Tristate.UNDEFINED) {
                        result = Tristate.UNDEFINED;
                    }
                }
                yield result;
            }
            case Filter.Or or -> {
                Tristate result = Tristate.FALSE;
                for (Filter f : or.filters()) {
                    Tristate t = evaluate(f, entry);
                    if (t == Tristate.TRUE) {
                        yield Tristate.TRUE;
                    }
                    if (t == Tristate.UNDEFINED) {
                        result = Tristate.UNDEFINED;
                    }
                }
                yield result;
            }
            case Filter.Not not ->
                switch (evaluate(not.filter(), entry)) {
                    case TRUE -> Tristate.FALSE;
                    case FALSE -> Tristate.TRUE;
                    case UNDEFINED -> Tristate.UNDEFINED;
                };
            case Filter.Equality eq -> equality(eq.attribute(), eq.value(), entry);
            case Filter.Present p -> present(p.attribute(), entry);
            case Filter.Substrings s -> substrings(s, entry);
            case Filter.GreaterOrEqual ge -> ordering(ge.attribute(), ge.value(), entry, true);
            case Filter.LessOrEqual le -> ordering(le.attribute(), le.value(), entry, false);
            case Filter.Approx ap -> approx(ap.attribute(), ap.value(), entry);
            case Filter.Extensible ex -> extensible(ex, entry);
        };
    }

    private static String itemAttribute(Filter filter) {
        return switch (filter) {
            case Filter.Equality f -> f.attribute();
            case Filter.Present f -> f.attribute();
            case Filter.Substrings f -> f.attribute();
            case Filter.GreaterOrEqual f -> f.attribute();
            case Filter.LessOrEqual f -> f.attribute();
            case Filter.Approx f -> f.attribute();
            case Filter.Extensible f -> f.attribute();
            default -> null;
        };
    }

    private List<Attribute> attributes(AttributeDescription desc, Entry entry) {
        List<Attribute> found = entry.matching(desc);
        List<Attribute> computed = virtuals.get(entry, desc.type());
        if (computed.isEmpty()) {
            return found;
        }
        List<Attribute> all = new ArrayList<>(found);
        all.addAll(computed);
        return all;
    }

    private Tristate present(String attribute, Entry entry) {
        AttributeDescription desc = AttributeDescription.tryParse(attribute, schema);
        if (desc == null) {
            return Tristate
                    .UNDEFINED; // an unknown type is Undefined, so (!(unknown=*)) matches nothing either, as in slapd
        }
        if (desc.type().name().equals("objectclass")) {
            return Tristate.TRUE;
        }
        return Tristate.of(!attributes(desc, entry).isEmpty());
    }

    private Tristate equality(String attribute, byte[] value, Entry entry) {
        AttributeDescription desc = AttributeDescription.tryParse(attribute, schema);
        if (desc == null || desc.type().equality() == null) {
            return Tristate.UNDEFINED;
        }
        return equalityWith(desc.type().equality(), desc, value, entry);
    }

    private Tristate equalityWith(MatchingRule rule, AttributeDescription desc, byte[] value, Entry entry) {
        String assertion;
        try {
            assertion = rule.normalize(value, schema);
        } catch (LdapException e) {
            return Tristate.UNDEFINED;
        }
        if (desc.type().name().equals("objectclass")) {
            return objectClassMatch(desc, value, entry);
        }
        boolean wordRule = rule.name().equals("wordMatch") || rule.name().equals("keywordMatch");
        for (Attribute a : attributes(desc, entry)) {
            if (!wordRule && rule == a.description().type().equality()) {
                // the attribute's own rule: its normalised values are computed once per attribute
                // (or, for values kept apart, looked up one by one)
                if (a.containsNormalized(assertion, schema)) {
                    return Tristate.TRUE;
                }
                continue;
            }
            for (byte[] v : a.values()) {
                String norm = normalizeOrNull(rule, v);
                if (norm == null) {
                    continue;
                }
                if (wordRule ? List.of(norm.split(" ")).contains(assertion) : norm.equals(assertion)) {
                    return Tristate.TRUE;
                }
            }
        }
        return Tristate.FALSE;
    }

    /**
     * (objectClass=person) also matches an inetOrgPerson entry: classes match their subclasses, as in
     * slapd. A class the schema does not know, by name or OID, is Undefined (as slapd answers).
     */
    private Tristate objectClassMatch(AttributeDescription desc, byte[] value, Entry entry) {
        ObjectClass wanted = schema.objectClass(new String(value, StandardCharsets.UTF_8).strip());
        if (wanted == null) {
            return Tristate.UNDEFINED;
        }
        for (Attribute a : attributes(desc, entry)) {
            for (byte[] v : a.values()) {
                ObjectClass oc = schema.objectClass(new String(v, StandardCharsets.UTF_8).strip());
                if (oc != null && oc.isSubclassOf(wanted)) {
                    return Tristate.TRUE;
                }
            }
        }
        return Tristate.FALSE;
    }

    private String normalizeOrNull(MatchingRule rule, byte[] value) {
        try {
            return rule.normalize(value, schema);
        } catch (LdapException e) {
            return null;
        }
    }

    private Tristate ordering(String attribute, byte[] value, Entry entry, boolean greater) {
        AttributeDescription desc = AttributeDescription.tryParse(attribute, schema);
        if (desc == null || desc.type().ordering() == null) {
            return Tristate.UNDEFINED;
        }
        MatchingRule rule = desc.type().ordering();
        String assertion = normalizeOrNull(rule, value);
        if (assertion == null) {
            return Tristate.UNDEFINED;
        }
        for (Attribute a : attributes(desc, entry)) {
            for (byte[] v : a.values()) {
                String norm = normalizeOrNull(rule, v);
                if (norm != null) {
                    int c = rule.compare(norm, assertion);
                    if (greater ? c >= 0 : c <= 0) {
                        return Tristate.TRUE;
                    }
                }
            }
        }
        return Tristate.FALSE;
    }

    private Tristate substrings(Filter.Substrings s, Entry entry) {
        AttributeDescription desc = AttributeDescription.tryParse(s.attribute(), schema);
        if (desc == null || desc.type().substring() == null) {
            return Tristate.UNDEFINED;
        }
        MatchingRule rule = desc.type().substring();
        String initial;
        String fin;
        List<String> any = new ArrayList<>();
        try {
            initial = s.initial() == null ? null : rule.normalizeSubstring(s.initial(), schema);
            fin = s.fin() == null ? null : rule.normalizeSubstring(s.fin(), schema);
            for (byte[] piece : s.any()) {
                any.add(rule.normalizeSubstring(piece, schema));
            }
        } catch (LdapException e) {
            return Tristate.UNDEFINED;
        }
        for (Attribute a : attributes(desc, entry)) {
            for (byte[] v : a.values()) {
                String norm = normalizeOrNull(rule, v);
                if (norm != null && rule.matchesSubstrings(norm, initial, any, fin)) {
                    return Tristate.TRUE;
                }
            }
        }
        return Tristate.FALSE;
    }

    /** Approximate match: every word of the assertion sounds like some word of a value (Soundex), as slapd does. */
    private Tristate approx(String attribute, byte[] value, Entry entry) {
        AttributeDescription desc = AttributeDescription.tryParse(attribute, schema);
        if (desc == null || desc.type().equality() == null) {
            return Tristate.UNDEFINED;
        }
        Tristate exact = equalityWith(desc.type().equality(), desc, value, entry);
        if (exact != Tristate.FALSE) {
            return exact;
        }
        String[] wanted = Soundex.words(new String(value, StandardCharsets.UTF_8));
        if (wanted.length == 0) {
            return Tristate.FALSE;
        }
        for (Attribute a : attributes(desc, entry)) {
            for (byte[] v : a.values()) {
                List<String> have = List.of(Soundex.words(new String(v, StandardCharsets.UTF_8)));
                boolean all = true;
                for (String w : wanted) {
                    if (!have.contains(w)) {
                        all = false;
                        break;
                    }
                }
                if (all) {
                    return Tristate.TRUE;
                }
            }
        }
        return Tristate.FALSE;
    }

    private Tristate extensible(Filter.Extensible ex, Entry entry) {
        Tristate extended = extension.evaluate(ex, entry);
        if (extended != null) {
            return extended;
        }
        MatchingRule rule = null;
        if (ex.matchingRule() != null) {
            rule = schema.matchingRule(ex.matchingRule());
            if (rule == null) {
                return Tristate.UNDEFINED;
            }
        }
        Tristate result = Tristate.FALSE;
        if (ex.attribute() != null) {
            AttributeDescription desc = AttributeDescription.tryParse(ex.attribute(), schema);
            if (desc == null) {
                return Tristate.UNDEFINED;
            }
            MatchingRule r = rule != null ? rule : desc.type().equality();
            if (r == null) {
                return Tristate.UNDEFINED;
            }
            result = equalityWith(r, desc, ex.value(), entry);
        } else {
            // no type: every attribute whose values the rule can judge (RFC 4511 4.5.1.7.7)
            for (Attribute a : entry.attributes()) {
                Tristate t = equalityWith(rule, a.description(), ex.value(), entry);
                if (t == Tristate.TRUE) {
                    return t;
                }
            }
        }
        if (result != Tristate.TRUE && ex.dnAttributes()) {
            if (dnMatches(ex, rule, entry)) {
                return Tristate.TRUE;
            }
        }
        return result;
    }

    private boolean dnMatches(Filter.Extensible ex, MatchingRule rule, Entry entry) {
        for (Rdn rdn : entry.dn().rdns()) {
            for (Ava ava : rdn.avas()) {
                AttributeType type = schema.attributeType(ava.type());
                if (type == null) {
                    continue;
                }
                if (ex.attribute() != null) {
                    AttributeDescription desc = AttributeDescription.tryParse(ex.attribute(), schema);
                    if (desc == null || !type.isSubtypeOf(desc.type())) {
                        continue;
                    }
                }
                MatchingRule r = rule != null ? rule : type.equality();
                if (r == null) {
                    continue;
                }
                String a = normalizeOrNull(r, ex.value());
                String b = normalizeOrNull(r, ava.value().getBytes(StandardCharsets.UTF_8));
                if (a != null && a.equals(b)) {
                    return true;
                }
            }
        }
        return false;
    }
}
