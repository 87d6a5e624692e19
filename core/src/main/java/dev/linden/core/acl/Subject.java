package dev.linden.core.acl;

import dev.linden.model.Dn;

/**
 * Who a clause of an access rule applies to. A clause holds one or more subjects, all of which must
 * hold (e.g. authenticated users AND over TLS).
 */
public sealed interface Subject {
    /** Anyone, bound or not. */
    record Anyone() implements Subject {}

    record Anonymous() implements Subject {}

    /** Any authenticated identity. */
    record Users() implements Subject {}

    /** The bound identity is the entry itself. */
    record Self() implements Subject {}

    /** One identity. */
    record Identity(Dn dn) implements Subject {}

    /** Identities at or below a DN. */
    record IdentitiesUnder(Dn base) implements Subject {}

    /** Members of a group (groupOfNames / groupOfUniqueNames), through nested groups too. */
    record GroupMember(Dn group) implements Subject {}

    /** Connections protected by TLS. */
    record Tls() implements Subject {}

    /** Clients whose address is in a range. */
    record Address(AddressRange range) implements Subject {}
}
