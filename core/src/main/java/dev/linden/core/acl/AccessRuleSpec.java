package dev.linden.core.acl;

import java.util.List;

/**
 * An access rule as the configuration writes it, before names are resolved: target conditions
 * (any may be null) and its clauses in order.
 */
public record AccessRuleSpec(String subtree, String dnRegex, String filter, List<String> attrs, List<ClauseSpec> by) {

    /**
     * One clause: {@code who} is anyone, anonymous, users or self; {@code dn}, {@code under},
     * {@code group}, {@code tls} and {@code address} narrow it further; {@code grant} is a level
     * or a list of rights.
     */
    public record ClauseSpec(
            String who, String dn, String under, String group, Boolean tls, String address, List<String> grant) {}
}
