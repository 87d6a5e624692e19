package dev.linden.core.groups;

import java.util.List;

/**
 * How group membership is presented and kept consistent.
 *
 * @param nestedMemberOf memberOf lists the groups reached through nesting too (default: direct only,
 *     as OpenLDAP's memberOf overlay and Active Directory do)
 * @param referentialIntegrity attributes whose DN values follow a renamed entry and lose a deleted one
 */
public record GroupSettings(boolean nestedMemberOf, List<String> referentialIntegrity) {
    public static final List<String> REFINT_DEFAULT = List.of("member", "uniqueMember", "owner", "seeAlso", "manager");
    public static final GroupSettings DEFAULT = new GroupSettings(false, REFINT_DEFAULT);

    public GroupSettings {
        referentialIntegrity = List.copyOf(referentialIntegrity);
    }
}
