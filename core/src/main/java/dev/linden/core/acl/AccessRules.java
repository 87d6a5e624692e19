package dev.linden.core.acl;

import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.LdapException;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.model.schema.SecretAttributes;
import dev.linden.protocol.filter.FilterSyntaxException;
import dev.linden.protocol.filter.FilterText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Builds access rules from their configured form, and the secure defaults. */
public final class AccessRules {
    /**
     * The attributes of the default rule on secrets: used to authenticate and changed, never read (see
     * {@link AccessControl}). Each only if the schema defines it ("?"), as a schema built without the
     * bundled files may not.
     */
    private static final List<String> SECRETS =
            SecretAttributes.DECLARED.stream().map(d -> "?" + d.name()).toList();

    private AccessRules() {}

    /**
     * The defaults: secrets may be used to authenticate by anyone and changed by their owner and the
     * administrators' group, never read; the administrators' group manages everything; authenticated
     * users read the rest; anonymous clients read only when {@code anonymousRead} is on.
     */
    public static List<AccessRuleSpec> defaults(String adminsGroup, boolean anonymousRead) {
        List<AccessRuleSpec.ClauseSpec> secretClauses = new ArrayList<>();
        secretClauses.add(clause("self", null, List.of("auth", "write")));
        if (adminsGroup != null) {
            secretClauses.add(clause(null, adminsGroup, List.of("auth", "write")));
        }
        secretClauses.add(clause("anyone", null, List.of("auth")));
        List<AccessRuleSpec.ClauseSpec> all = new ArrayList<>();
        if (adminsGroup != null) {
            all.add(clause(null, adminsGroup, List.of("manage")));
        }
        all.add(clause("users", null, List.of("read")));
        all.add(clause("anonymous", null, List.of(anonymousRead ? "read" : "none")));
        return List.of(
                new AccessRuleSpec(null, null, null, SECRETS, secretClauses),
                new AccessRuleSpec(null, null, null, null, all));
    }

    private static AccessRuleSpec.ClauseSpec clause(String who, String group, List<String> grant) {
        return new AccessRuleSpec.ClauseSpec(who, null, null, group, null, null, grant);
    }

    /** Resolves the rules against the schema; an error names the rule and clause (counting from 1). */
    public static List<AccessRule> build(List<AccessRuleSpec> specs, Schema schema) {
        List<AccessRule> rules = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            String where = "rule " + (i + 1);
            try {
                rules.add(build(specs.get(i), schema, where));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        return rules;
    }

    private static AccessRule build(AccessRuleSpec spec, Schema schema, String where) {
        Set<AttributeType> attrs = new HashSet<>();
        boolean entry = false;
        for (String a : spec.attrs() == null ? List.<String>of() : spec.attrs()) {
            if (a.equalsIgnoreCase("entry")) {
                entry = true;
                continue;
            }
            boolean optional = a.startsWith("?"); // "?name": only if the schema defines it (the defaults use this)
            AttributeType t = schema.attributeType(optional ? a.substring(1) : a);
            if (t == null && !optional) {
                throw new IllegalArgumentException("attrs: undefined attribute type " + a);
            }
            if (t != null) {
                attrs.add(t);
            }
        }
        if (entry && attrs.isEmpty()) {
            throw new IllegalArgumentException(
                    "attrs: 'entry' needs at least one attribute beside it, or leave attrs out");
        }
        Pattern pattern = null;
        if (spec.dnRegex() != null) {
            try {
                pattern = Pattern.compile(spec.dnRegex(), Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("dnRegex: " + e.getDescription());
            }
        }
        dev.linden.protocol.filter.Filter filter = null;
        if (spec.filter() != null) {
            try {
                filter = FilterText.parse(spec.filter());
            } catch (FilterSyntaxException e) {
                throw new IllegalArgumentException("filter: " + e.getMessage());
            }
        }
        Target target = new Target(
                spec.subtree() == null ? null : dn(spec.subtree(), schema, "subtree"), pattern, filter, attrs, entry);
        if (spec.by() == null || spec.by().isEmpty()) {
            throw new IllegalArgumentException("no 'by' clauses");
        }
        List<AccessRule.Clause> clauses = new ArrayList<>();
        for (int c = 0; c < spec.by().size(); c++) {
            try {
                clauses.add(clause(spec.by().get(c), schema));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("by " + (c + 1) + ": " + e.getMessage());
            }
        }
        return new AccessRule(target, clauses);
    }

    private static AccessRule.Clause clause(AccessRuleSpec.ClauseSpec c, Schema schema) {
        List<Subject> subjects = new ArrayList<>();
        if (c.who() != null) {
            subjects.add(
                    switch (c.who().toLowerCase(Locale.ROOT)) {
                        case "anyone", "*" -> new Subject.Anyone();
                        case "anonymous" -> new Subject.Anonymous();
                        case "users" -> new Subject.Users();
                        case "self" -> new Subject.Self();
                        default ->
                            throw new IllegalArgumentException(
                                    "who: '" + c.who() + "' is not anyone, anonymous, users or self");
                    });
        }
        if (c.dn() != null) {
            subjects.add(new Subject.Identity(dn(c.dn(), schema, "dn")));
        }
        if (c.under() != null) {
            subjects.add(new Subject.IdentitiesUnder(dn(c.under(), schema, "under")));
        }
        if (c.group() != null) {
            subjects.add(new Subject.GroupMember(dn(c.group(), schema, "group")));
        }
        if (Boolean.TRUE.equals(c.tls())) {
            subjects.add(new Subject.Tls());
        }
        if (c.address() != null) {
            subjects.add(new Subject.Address(AddressRange.parse(c.address())));
        }
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("no subject: give who, dn, under, group, tls or address");
        }
        if (c.grant() == null || c.grant().isEmpty()) {
            throw new IllegalArgumentException("grant is missing");
        }
        return new AccessRule.Clause(subjects, Right.parse(c.grant()));
    }

    private static Dn dn(String text, Schema schema, String key) {
        try {
            return DnSyntax.parse(text, schema);
        } catch (LdapException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }
}
