package dev.linden.model.schema;

import dev.linden.model.LdapException;
import dev.linden.model.matching.MatchingRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * An attribute type with its inheritance resolved: matching rules and syntax come from the
 * superior type when not given (RFC 4512 section 2.5.1).
 */
public final class AttributeType {
    private final String oid;
    private final List<String> names;
    private final String normName;
    private final AttributeType superior;
    private final MatchingRule equality;
    private final MatchingRule ordering;
    private final MatchingRule substring;
    private final String syntaxOid;
    private final boolean singleValue;
    private final boolean collective;
    private final boolean noUserModification;
    private final boolean obsolete;
    private final AttributeUsage usage;
    private final String definition;
    private final boolean secret;
    /** Set while the schema is built: some other type names this one as its superior. */
    private boolean hasSubtypes;

    AttributeType(
            String oid,
            List<String> names,
            AttributeType superior,
            MatchingRule equality,
            MatchingRule ordering,
            MatchingRule substring,
            String syntaxOid,
            boolean singleValue,
            boolean collective,
            boolean noUserModification,
            boolean obsolete,
            AttributeUsage usage,
            String definition,
            boolean secret) {
        this.oid = oid;
        this.names = List.copyOf(names);
        this.normName = (names.isEmpty() ? oid : names.get(0)).toLowerCase(Locale.ROOT);
        this.superior = superior;
        this.equality = equality;
        this.ordering = ordering;
        this.substring = substring;
        this.syntaxOid = syntaxOid;
        this.singleValue = singleValue;
        this.collective = collective;
        this.noUserModification = noUserModification;
        this.obsolete = obsolete;
        this.usage = usage;
        this.definition = definition;
        this.secret = secret;
    }

    public String oid() {
        return oid;
    }

    public List<String> names() {
        return names;
    }

    /** The primary name as defined (or the OID), as used in responses. */
    public String displayName() {
        return names.isEmpty() ? oid : names.get(0);
    }

    /** The primary name in lower case: the canonical key of this type. */
    public String name() {
        return normName;
    }

    public AttributeType superior() {
        return superior;
    }

    public MatchingRule equality() {
        return equality;
    }

    public MatchingRule ordering() {
        return ordering;
    }

    public MatchingRule substring() {
        return substring;
    }

    public String syntaxOid() {
        return syntaxOid;
    }

    public boolean isSingleValue() {
        return singleValue;
    }

    public boolean isCollective() {
        return collective;
    }

    public boolean isNoUserModification() {
        return noUserModification;
    }

    public boolean isObsolete() {
        return obsolete;
    }

    public AttributeUsage usage() {
        return usage;
    }

    public boolean isOperational() {
        return usage != AttributeUsage.USER_APPLICATIONS;
    }

    /** lindenCsnState: an entry's replication state (see 07-linden.ldif). */
    public static final String CSN_STATE_OID = "2.25.74696433683953540553513119021774183961";

    /**
     * Whether it is returned only when asked for by name, never for "+": lindenCsnState, which only
     * replication reads and which would swell every "+" answer.
     */
    public boolean isByNameOnly() {
        return CSN_STATE_OID.equals(oid);
    }

    /** Whether its values are secrets, declared in {@link SecretAttributes#DECLARED}. */
    public boolean isSecret() {
        return secret;
    }

    public String definition() {
        return definition;
    }

    /** Whether some type of the schema inherits from this one (so a search for it may find others). */
    public boolean hasSubtypes() {
        return hasSubtypes;
    }

    void markHasSubtypes() {
        hasSubtypes = true;
    }

    /** True when this type is {@code other} or inherits from it. */
    public boolean isSubtypeOf(AttributeType other) {
        for (AttributeType t = this; t != null; t = t.superior) {
            if (t == other) {
                return true;
            }
        }
        return false;
    }

    /** The value's normalised form under the equality rule (the raw bytes where the type has none). */
    public String normalize(byte[] value, dev.linden.model.schema.Schema schema) throws LdapException {
        if (equality == null) {
            return new String(value, StandardCharsets.ISO_8859_1);
        }
        return equality.normalize(value, schema);
    }

    @Override
    public String toString() {
        return displayName();
    }
}
