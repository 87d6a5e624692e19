package dev.linden.observability.monitor;

import dev.linden.core.LiveContext;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import java.util.List;

/**
 * cn=Monitor as a live naming context: the ordinary operations search and compare it, under the
 * access rule {@link #readersRule} puts first (the root DN and the configured readers), and refuse
 * writes. Not readable through proxied authorization.
 */
public final class MonitorContext implements LiveContext {
    private final Dn suffix;
    private final MonitorTree tree;

    public MonitorContext(Schema schema, MonitorTree tree) {
        this.tree = tree;
        try {
            this.suffix = DnSyntax.parse(MonitorTree.BASE, schema);
        } catch (LdapException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Dn suffix() {
        return suffix;
    }

    @Override
    public List<Entry> entries() {
        return tree.entries();
    }

    /**
     * The access rule for cn=Monitor, to go before every configured rule: the readers may read it
     * and nobody else may know it exists (the root DN is outside the rules and always may).
     */
    public static dev.linden.core.acl.AccessRuleSpec readersRule(
            List<dev.linden.core.acl.AccessRuleSpec.ClauseSpec> readers) {
        List<dev.linden.core.acl.AccessRuleSpec.ClauseSpec> clauses = readers.stream()
                .map(c -> new dev.linden.core.acl.AccessRuleSpec.ClauseSpec(
                        c.who(), c.dn(), c.under(), c.group(), c.tls(), c.address(), List.of("read")))
                .toList();
        return new dev.linden.core.acl.AccessRuleSpec(MonitorTree.BASE, null, null, null, clauses);
    }
}
