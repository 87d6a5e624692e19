package dev.linden.core.acl;

import dev.linden.core.Session;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.filter.FilterEvaluator;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates the ordered access rules, in the manner of OpenLDAP's {@code access to ... by ...}: for
 * an entry (or one of its attributes), the first rule whose target matches decides, and in it the
 * first clause whose subjects all hold; no matching rule or clause means no rights. The root DN is
 * not subject to the rules. Secrets (userPassword and the like) are never returned, whatever the
 * rules say: that is enforced where entries are sent, not here.
 */
public final class AccessControl {
    private final List<AccessRule> rules;
    private final Schema schema;
    private final GroupMembership groups;
    private final Dn rootDn;

    public AccessControl(List<AccessRule> rules, Schema schema, GroupMembership groups, Dn rootDn) {
        this.rules = List.copyOf(rules);
        this.schema = schema;
        this.groups = groups;
        this.rootDn = rootDn;
    }

    public List<AccessRule> rules() {
        return rules;
    }

    /** The asker of one operation. */
    public AccessContext context(Session session) {
        return new AccessContext(session, session.boundDn(), groups);
    }

    /** The asker, as an explicit identity (proxied authorization). */
    public AccessContext context(Session session, Dn identity) {
        return new AccessContext(session, identity, groups);
    }

    public boolean isRoot(AccessContext ctx) {
        return !ctx.isAnonymous() && ctx.identity().equals(rootDn);
    }

    /** The rights on the entry itself. */
    public Set<Right> onEntry(AccessContext ctx, Entry entry) {
        if (isRoot(ctx)) {
            return EnumSet.allOf(Right.class);
        }
        for (AccessRule rule : rules) {
            if (rule.target().coversEntry() && matches(rule.target(), entry)) {
                return decide(rule, ctx, entry.dn());
            }
        }
        return EnumSet.noneOf(Right.class);
    }

    /** The rights on one attribute of the entry. */
    public Set<Right> onAttribute(AccessContext ctx, Entry entry, AttributeType type) {
        if (isRoot(ctx)) {
            return EnumSet.allOf(Right.class);
        }
        for (AccessRule rule : rules) {
            if (rule.target().covers(type) && matches(rule.target(), entry)) {
                return decide(rule, ctx, entry.dn());
            }
        }
        return EnumSet.noneOf(Right.class);
    }

    public boolean allows(AccessContext ctx, Entry entry, Right right) {
        return onEntry(ctx, entry).contains(right);
    }

    public boolean allows(AccessContext ctx, Entry entry, AttributeType type, Right right) {
        return onAttribute(ctx, entry, type).contains(right);
    }

    /**
     * The rights for a whole entry at once, for searches: the entry's own rights, plus the rights of
     * attributes that a rule names specifically (every other attribute has the entry's rights).
     * Rules that name only {@code ignored} attributes (secrets, which are never sent) do not make the
     * rights non-uniform; the per-attribute answer still counts them.
     */
    public EntryRights rights(AccessContext ctx, Entry entry, java.util.function.Predicate<AttributeType> ignored) {
        if (isRoot(ctx)) {
            return EntryRights.ALL;
        }
        Set<Right> entryRights = onEntry(ctx, entry);
        boolean any = false;
        boolean uniform = true;
        for (AccessRule rule : rules) {
            if (!rule.target().coversAllAttributes() && matches(rule.target(), entry)) {
                any = true;
                uniform &= rule.target().attributes().stream().allMatch(ignored);
            }
        }
        if (!any) {
            return new EntryRights(entryRights, t -> entryRights, true);
        }
        return new EntryRights(entryRights, type -> onAttribute(ctx, entry, type), uniform);
    }

    private boolean matches(Target t, Entry entry) {
        if (t.subtree() != null && !entry.dn().isWithin(t.subtree())) {
            return false;
        }
        if (t.dnPattern() != null && !t.dnPattern().matcher(entry.dn().normalized()).matches()) {
            return false;
        }
        return t.filter() == null || new FilterEvaluator(schema).matches(t.filter(), entry);
    }

    private static Set<Right> decide(AccessRule rule, AccessContext ctx, Dn entryDn) {
        for (AccessRule.Clause clause : rule.clauses()) {
            boolean all = true;
            for (Subject s : clause.subjects()) {
                if (!holds(s, ctx, entryDn)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return clause.rights();
            }
        }
        return EnumSet.noneOf(Right.class);
    }

    private static boolean holds(Subject subject, AccessContext ctx, Dn entryDn) {
        return switch (subject) {
            case Subject.Anyone a -> true;
            case Subject.Anonymous a -> ctx.isAnonymous();
            case Subject.Users u -> !ctx.isAnonymous();
            case Subject.Self s -> !ctx.isAnonymous() && ctx.identity().equals(entryDn);
            case Subject.Identity i -> !ctx.isAnonymous() && ctx.identity().equals(i.dn());
            case Subject.IdentitiesUnder u -> !ctx.isAnonymous() && ctx.identity().isWithin(u.base());
            case Subject.GroupMember g -> ctx.isMemberOf(g.group());
            case Subject.Tls t -> ctx.session().isSecure();
            case Subject.Address a -> a.range().contains(ctx.session().clientHost());
        };
    }
}
