package dev.linden.it.differential;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;

/** Runs requests and returns the result whether it succeeded or not, so cases can compare codes. */
public final class Ops {
    private Ops() {}

    @FunctionalInterface
    public interface Call {
        LDAPResult call() throws LDAPException;
    }

    public static LDAPResult call(Call call) {
        try {
            return call.call();
        } catch (LDAPException e) {
            return e.toLDAPResult();
        }
    }

    public static SearchResult search(LDAPConnection c, SearchRequest request) {
        try {
            return c.search(request);
        } catch (LDAPSearchException e) {
            return e.getSearchResult();
        }
    }

    public static SearchResult search(LDAPConnection c, String base, SearchScope scope, String filter, String... attrs)
            throws LDAPException {
        return search(c, new SearchRequest(base, scope, filter, attrs));
    }

    /** A read case: one search of the shared data as the administrator, results and entries compared. */
    public static Case.Action search(String base, SearchScope scope, String filter, String... attrs) {
        return (s, o) -> o.search("search", search(s.admin(), base, scope, filter, attrs));
    }

    /** A write case step: one request, then its result. */
    public static Case.Action step(java.util.function.Function<Server, Call> request) {
        return (s, o) -> o.result("result", call(request.apply(s)));
    }
}
