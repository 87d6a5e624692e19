package dev.linden.core.sasl;

import dev.linden.backend.SearchSpec;
import dev.linden.core.Directory;
import dev.linden.model.Attribute;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.filter.FilterEvaluator;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.filter.FilterSyntaxException;
import dev.linden.protocol.filter.FilterText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the names clients give into identities: authzIds ({@code dn:<DN>} or {@code u:<uid>}, RFC
 * 4513 section 5.2.1.8), SASL authentication identities (those, or a bare uid), and filters (the
 * EXTERNAL certificate mapping). A {@code u:} name is looked up as {@code (uid=...)} under the
 * suffixes and must match exactly one entry. Also decides who may act as someone else.
 */
public final class Identities {
    private final Directory directory;
    private final List<Dn> proxyUsers;

    public Identities(Directory directory) {
        this.directory = directory;
        try {
            this.proxyUsers = directory.config().sasl().proxyDns(directory.schema());
        } catch (LdapException e) {
            throw new IllegalArgumentException("sasl.proxyUsers: " + e.getMessage(), e);
        }
    }

    /** The identity an authzId names (RFC 4513 5.2.1.8); null when it names nobody. The empty authzId is anonymous. */
    public Identity byAuthzId(String authzId) throws LdapException {
        if (authzId.isEmpty()) {
            return Identity.ANONYMOUS;
        }
        if (authzId.regionMatches(true, 0, "dn:", 0, 3)) {
            return authzId.substring(3).isBlank() ? Identity.ANONYMOUS : byDn(authzId.substring(3));
        }
        if (authzId.regionMatches(true, 0, "u:", 0, 2)) {
            return byUid(authzId.substring(2));
        }
        throw new LdapException(ResultCode.PROTOCOL_ERROR, "authzId must be dn:<DN> or u:<user name>");
    }

    /** The identity a SASL authentication identity names: {@code dn:<DN>}, {@code u:<uid>} or a bare uid; null when nobody. */
    public Identity byAuthcId(String authcId) throws LdapException {
        if (authcId.regionMatches(true, 0, "dn:", 0, 3)) {
            return byDn(authcId.substring(3));
        }
        String uid = authcId.regionMatches(true, 0, "u:", 0, 2) ? authcId.substring(2) : authcId;
        return byUid(uid);
    }

    /** The administrator or an existing entry with this DN; null otherwise (a DN that does not parse included). */
    public Identity byDn(String dnText) throws LdapException {
        Dn dn;
        try {
            dn = DnSyntax.parse(dnText.strip(), directory.schema());
        } catch (LdapException e) {
            return null;
        }
        return byDn(dn);
    }

    public Identity byDn(Dn dn) {
        if (dn.isRoot()) {
            return null;
        }
        if (dn.equals(directory.config().rootDn())) {
            return new Identity(dn, true);
        }
        Entry entry = entry(dn);
        return entry == null ? null : new Identity(entry.dn(), false);
    }

    private Identity byUid(String uid) throws LdapException {
        if (uid.isEmpty()) {
            return null;
        }
        return bySearch("(uid=" + SaslConfig.escape(uid) + ")");
    }

    /** The one entry under the suffixes that matches the filter; null when none or more than one does. */
    public Identity bySearch(String filterText) throws LdapException {
        Filter filter;
        try {
            filter = FilterText.parse(filterText);
        } catch (FilterSyntaxException e) {
            return null;
        }
        List<Dn> found = new ArrayList<>(2);
        FilterEvaluator evaluator = new FilterEvaluator(directory.schema());
        for (Dn suffix : directory.backend().config().suffixes()) {
            try {
                directory
                        .backend()
                        .search(SearchSpec.of(suffix, SearchScope.SUB, filter, 0), (id, entry, stored, view) -> {
                            if (evaluator.matches(filter, entry)) {
                                found.add(entry.dn());
                            }
                            return found.size() < 2;
                        });
            } catch (LdapException e) {
                if (e.code() != ResultCode.NO_SUCH_OBJECT) { // a suffix without its entry yet
                    throw e;
                }
            }
            if (found.size() > 1) {
                return null;
            }
        }
        return found.size() == 1 ? new Identity(found.get(0), false) : null;
    }

    /** The entry, with its secrets, or null. */
    public Entry entry(Dn dn) {
        return directory.backend().find(dn);
    }

    /** Whether the password is this identity's: the administrator's configured one, or one of the entry's userPassword values. */
    public boolean verifyPassword(Identity identity, byte[] password) {
        if (password.length == 0) {
            return false;
        }
        if (identity.administrator()) {
            return directory
                    .passwords()
                    .verify(password, directory.config().rootPassword().getBytes(StandardCharsets.UTF_8));
        }
        Entry entry = entry(identity.dn());
        Attribute stored = entry == null ? null : entry.get("userPassword", directory.schema());
        if (stored == null) {
            return false;
        }
        for (byte[] value : stored.values()) {
            if (directory.passwords().verify(password, value)) {
                return true;
            }
        }
        return false;
    }

    /** The entry's SCRAM-SHA-256 credentials (from authPassword), or null when it has none. */
    public ScramCredentials scramCredentials(Identity identity) {
        if (identity.administrator()) {
            return null; // the administrator's password lives in the configuration, as a hash
        }
        Entry entry = entry(identity.dn());
        Attribute stored = entry == null ? null : entry.get("authPassword", directory.schema());
        if (stored == null) {
            return null;
        }
        for (byte[] value : stored.values()) {
            ScramCredentials c = ScramCredentials.parse(value);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** Whether this identity may act as another one: the administrator, and the configured proxy users. */
    public boolean mayProxy(Identity identity) {
        return identity.administrator() || (!identity.isAnonymous() && proxyUsers.contains(identity.dn()));
    }

    /**
     * The identity an authenticated client acts as after asking for {@code authzId} (RFC 4422 3.4.1): its own
     * when none or its own is asked; another only when it may proxy, never the administrator unless it is
     * the administrator. @throws LdapException insufficientAccessRights when refused (as slapd)
     */
    public Identity authorize(Identity authenticated, String authzId) throws LdapException {
        if (authzId == null || authzId.isEmpty()) {
            return authenticated;
        }
        Identity wanted;
        try {
            wanted = authzId.regionMatches(true, 0, "dn:", 0, 3) || authzId.regionMatches(true, 0, "u:", 0, 2)
                    ? byAuthzId(authzId)
                    : byAuthcId(authzId);
        } catch (LdapException e) {
            throw new LdapException(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "authorization identity is not valid");
        }
        if (wanted != null && wanted.dn().equals(authenticated.dn())) {
            return authenticated;
        }
        if (!mayProxy(authenticated)) {
            throw new LdapException(
                    ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    "SASL(-14): authorization failure: not allowed to act as " + authzId);
        }
        if (wanted == null || wanted.isAnonymous()) {
            throw new LdapException(
                    ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    "SASL(-14): authorization failure: no such identity " + authzId);
        }
        if (wanted.administrator() && !authenticated.administrator()) {
            throw new LdapException(
                    ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    "SASL(-14): authorization failure: only the administrator acts as the administrator");
        }
        return wanted;
    }
}
