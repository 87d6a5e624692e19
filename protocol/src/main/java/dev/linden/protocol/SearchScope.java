package dev.linden.protocol;

/** Search scopes: RFC 4511's three and the subordinate subtree scope of draft-sermersheim-ldap-subordinate-scope. */
public enum SearchScope {
    BASE,
    ONE,
    SUB,
    SUBORDINATES;

    public static SearchScope of(int code) {
        return values()[code];
    }
}
