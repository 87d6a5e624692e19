package dev.linden.core;

import dev.linden.core.control.PagedSearch;
import dev.linden.model.Dn;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One client connection's state: who is bound, and its paged searches in progress. */
public final class Session {
    private final long id;
    private final String clientAddress;
    private volatile Dn boundDn = Dn.ROOT;
    private volatile boolean administrator;
    private final Map<String, PagedSearch> pagedSearches = new ConcurrentHashMap<>();

    public Session(long id, String clientAddress) {
        this.id = id;
        this.clientAddress = clientAddress;
    }

    public long id() {
        return id;
    }

    public String clientAddress() {
        return clientAddress;
    }

    /** The bound identity; the empty (root) DN when anonymous. */
    public Dn boundDn() {
        return boundDn;
    }

    public boolean isAnonymous() {
        return boundDn.isRoot();
    }

    public boolean isAdministrator() {
        return administrator;
    }

    public void bind(Dn dn, boolean administrator) {
        this.boundDn = dn;
        this.administrator = administrator;
        pagedSearches.clear();
    }

    public void reset() {
        bind(Dn.ROOT, false);
    }

    public Map<String, PagedSearch> pagedSearches() {
        return pagedSearches;
    }
}
