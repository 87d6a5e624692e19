package dev.linden.core.acl;

import dev.linden.core.Session;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.filter.FilterEvaluator;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates the ordered access rules, in the manner of OpenLDAP's {@code access to ... by ...}: for
 * an entry (or one of its attributes), the first rule whose target matches decides, and in it the
 * first clause whose subjects all hold; no matching rule or clause means no rights. The root DN is
 * not subject to the rules, except for secrets.
 *
 * <p>Secrets (userPassword, authPassword, pwdHistory: {@link AttributeType#isSecret}, which the store
 * keeps apart) may be read, searched or compared only by grant of a rule that names the attribute
 * itself ({@code attrs: [userPassword]}): a rule for every attribute never shows a secret, and
 * neither does being the root DN, which may still compare (as slapd's rootdn). So the defaults show
 * no hash to anyone, and a replication account or a migration tool reads them by an explicit rule.
 */
public final class AccessControl {
    /** What a secret's value gives away: only a rule naming the secret grants these. */
    private static final Set<Right> SHOWING = EnumSet.of(Right.READ, Right.SEARCH, Right.COMPARE);
    /** The root DN's rights on a secret no rule lets it read: everything but reading and searching it. */
    static final Set<Right> ROOT_ON_SECRETS =
            java.util.Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(Right.READ, Right.SEARCH)));

    private final List<AccessRule> rules;
    private final Schema schema;
    private final GroupMembership groups;
    private final Dn rootDn;
    /** Some rule may show a secret to someone: then searches must look for secrets to send. */
    private final boolean showsSecrets;

    public AccessControl(List<AccessRule> rules, Schema schema, GroupMembership groups, Dn rootDn) {
        this.rules = List.copyOf(rules);
        this.showsSecrets = mayShowSecrets(this.rules);
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

    /** Whether some rule may let someone read a secret: otherwise no secret value ever leaves the server. */
    public static boolean mayShowSecrets(List<AccessRule> rules) {
        for (AccessRule rule : rules) {
            if (namesSecret(rule)
                    && rule.clauses().stream().anyMatch(c -> c.rights().contains(Right.READ))) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesSecret(AccessRule rule) {
        return rule.target().attributes().stream().anyMatch(AttributeType::isSecret);
    }

    /** The rights on one attribute of the entry. */
    public Set<Right> onAttribute(AccessContext ctx, Entry entry, AttributeType type) {
        boolean secret = type.isSecret();
        boolean root = isRoot(ctx);
        if (root && !secret) {
            return EnumSet.allOf(Right.class);
        }
        for (AccessRule rule : rules) {
            if (rule.target().covers(type) && matches(rule.target(), entry)) {
                return secret ? onSecret(rule, ctx, root, entry) : decide(rule, ctx, entry.dn());
            }
        }
        return root ? ROOT_ON_SECRETS : EnumSet.noneOf(Right.class);
    }

    /** The rights on a secret, {@code rule} being the first that covers it for this entry. */
    private static Set<Right> onSecret(AccessRule rule, AccessContext ctx, boolean root, Entry entry) {
        boolean named = !rule.target().coversAllAttributes(); // covers(type) held: the rule names it, or a supertype
        Set<Right> granted = decide(rule, ctx, entry.dn());
        Set<Right> rights = EnumSet.noneOf(Right.class);
        rights.addAll(root ? ROOT_ON_SECRETS : granted);
        if (named) {
            for (Right r : SHOWING) {
                if (granted.contains(r)) {
                    rights.add(r);
                }
            }
        } else if (!root) {
            rights.removeAll(SHOWING);
        }
        return rights;
    }

    public boolean allows(AccessContext ctx, Entry entry, Right right) {
        return onEntry(ctx, entry).contains(right);
    }

    public boolean allows(AccessContext ctx, Entry entry, AttributeType type, Right right) {
        return onAttribute(ctx, entry, type).contains(right);
    }

    /**
     * The rights for a whole entry at once, for searches: the entry's own rights, plus the rights of
     * attributes that a rule names specifically, and of secrets (every other attribute has the
     * entry's rights). {@code uniform} says that every attribute a search may copy from the store's
     * user section has the entry's rights: a rule that names only secrets (which that section never
     * holds) keeps it so, unless it lets this asker read one, which must then be sent too.
     */
    public EntryRights rights(AccessContext ctx, Entry entry) {
        boolean root = isRoot(ctx);
        if (root && !showsSecrets) {
            return EntryRights.ROOT;
        }
        Set<Right> entryRights = onEntry(ctx, entry);
        boolean any = false;
        boolean uniform = true;
        for (AccessRule rule : rules) {
            if (rule.target().coversAllAttributes() || (root && !namesSecret(rule)) || !matches(rule.target(), entry)) {
                continue; // the root DN's rights come from rules on secrets only
            }
            any = true;
            boolean onlySecrets = rule.target().attributes().stream().allMatch(AttributeType::isSecret);
            uniform &= (onlySecrets || root)
                    && (!showsSecrets || !decide(rule, ctx, entry.dn()).contains(Right.READ));
        }
        if (root || !any) {
            return new EntryRights(entryRights, t -> t.isSecret() ? onAttribute(ctx, entry, t) : entryRights, uniform);
        }
        return new EntryRights(entryRights, type -> onAttribute(ctx, entry, type), uniform);
    }

    private boolean matches(Target t, Entry entry) {
        if (t.subtree() != null && !entry.dn().isWithin(t.subtree())) {
            return false;
        }
        if (t.dnPattern() != null
                && !t.dnPattern().matcher(entry.dn().normalized()).matches()) {
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
            case Subject.IdentitiesUnder u ->
                !ctx.isAnonymous() && ctx.identity().isWithin(u.base());
            case Subject.GroupMember g -> ctx.isMemberOf(g.group());
            case Subject.Tls t -> ctx.session().isSecure();
            case Subject.Address a -> a.range().contains(ctx.session().clientHost());
        };
    }
}
