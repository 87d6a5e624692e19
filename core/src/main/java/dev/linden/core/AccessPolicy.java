package dev.linden.core;

import dev.linden.model.schema.AttributeType;
import java.util.Set;

/**
 * Who may do what, until the rule-based access control of the security work replaces it: the
 * administrator may do everything; bound users may read; anonymous clients may read only when the
 * configuration allows it; and secrets such as userPassword are never returned to anyone.
 */
public final class AccessPolicy {
    private static final Set<String> SECRETS = Set.of("userpassword", "pwdhistory", "authpassword");
    private final CoreConfig config;

    public AccessPolicy(CoreConfig config) {
        this.config = config;
    }

    public boolean mayRead(Session session) {
        return session.isAdministrator() || !session.isAnonymous() || config.anonymousRead();
    }

    public boolean mayWrite(Session session) {
        return session.isAdministrator();
    }

    public boolean isSecret(AttributeType type) {
        return SECRETS.contains(type.name());
    }
}
