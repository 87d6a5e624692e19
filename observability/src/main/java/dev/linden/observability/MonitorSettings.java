package dev.linden.observability;

import dev.linden.core.acl.AccessRuleSpec;
import java.util.List;

/**
 * The cn=monitor subtree.
 *
 * @param enabled whether cn=monitor is answered at all (when off it does not exist)
 * @param readers who may read it besides the root DN, as access rule subjects (by default the
 *     administrators' group); everyone else is told it does not exist
 */
public record MonitorSettings(boolean enabled, List<AccessRuleSpec.ClauseSpec> readers) {
    public static final MonitorSettings DEFAULT = new MonitorSettings(true, List.of());

    public MonitorSettings {
        readers = List.copyOf(readers);
    }
}
