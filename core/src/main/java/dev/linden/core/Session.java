package dev.linden.core;

import dev.linden.core.control.PagedSearch;
import dev.linden.core.sasl.SaslExchange;
import dev.linden.model.Dn;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One client connection's state: who is bound, its paged searches and any SASL exchange in progress. */
public final class Session {
    private final long id;
    private final String clientAddress;
    private final boolean loopback;
    private volatile boolean secure;
    private volatile java.security.cert.Certificate[] peerCertificates = new java.security.cert.Certificate[0];
    private volatile Principal principal = Principal.ANONYMOUS;
    private final Map<String, PagedSearch> pagedSearches;
    private final dev.linden.core.control.VlvContexts vlvContexts;
    private final InFlight inFlight;
    private SaslExchange saslExchange; // guarded by this
    private dev.linden.core.txn.PendingTransaction transaction; // guarded by this

    public Session(long id, String clientAddress) {
        this(id, clientAddress, false);
    }

    /** @param loopback whether the client connects from this machine (127.0.0.0/8 or ::1) */
    public Session(long id, String clientAddress, boolean loopback) {
        this.id = id;
        this.clientAddress = clientAddress;
        this.loopback = loopback;
        this.pagedSearches = new ConcurrentHashMap<>();
        this.vlvContexts = new dev.linden.core.control.VlvContexts();
        this.inFlight = new InFlight();
    }

    private Session(Session of, Principal principal) {
        this.id = of.id;
        this.clientAddress = of.clientAddress;
        this.loopback = of.loopback;
        this.secure = of.secure;
        this.peerCertificates = of.peerCertificates;
        this.pagedSearches = of.pagedSearches;
        this.vlvContexts = of.vlvContexts;
        this.inFlight = of.inFlight;
        this.principal = principal;
    }

    /**
     * This connection acting as another identity for one operation (proxied authorization, RFC 4370):
     * the same connection and paged searches, another bound DN.
     */
    public Session actingAs(Dn dn, boolean administrator) {
        return new Session(this, new Principal(dn, administrator, true, false));
    }

    /** Who operations run as now: read it once per decision that needs more than one of its parts. */
    public Principal principal() {
        return principal;
    }

    /** Whether this is a view acting as another identity for one operation (proxied authorization). */
    public boolean isProxied() {
        return principal.proxied();
    }

    public boolean isLoopback() {
        return loopback;
    }

    /** Whether the connection is protected by TLS (LDAPS, or after StartTLS). */
    public boolean isSecure() {
        return secure;
    }

    /** The client's certificate chain when it presented one during the TLS handshake; empty otherwise. */
    public java.security.cert.Certificate[] peerCertificates() {
        return peerCertificates.clone();
    }

    public void markSecure(java.security.cert.Certificate[] peer) {
        this.peerCertificates = peer == null ? new java.security.cert.Certificate[0] : peer.clone();
        this.secure = true;
    }

    public long id() {
        return id;
    }

    /** The client's address and port, as "ip:port". */
    public String clientAddress() {
        return clientAddress;
    }

    /** The client's IP address without the port. */
    public String clientHost() {
        int colon = clientAddress.lastIndexOf(':');
        return colon < 0 ? clientAddress : clientAddress.substring(0, colon);
    }

    /** The bound identity; the empty (root) DN when anonymous. */
    public Dn boundDn() {
        return principal.dn();
    }

    public boolean isAnonymous() {
        return principal.isAnonymous();
    }

    public boolean isAdministrator() {
        return principal.administrator();
    }

    public void bind(Dn dn, boolean administrator) {
        bind(dn, administrator, false);
    }

    /** Binds, and with {@code mustChangePassword} allows only a change of the password, in one step. */
    public synchronized void bind(Dn dn, boolean administrator, boolean mustChangePassword) {
        this.principal = new Principal(dn, administrator, false, mustChangePassword);
        pagedSearches.clear();
        transaction = null; // its updates were queued as the identity bound before: a bind ends it
    }

    /** Whether the bound user must change their password before anything else (password policy). */
    public boolean passwordChangeRequired() {
        return principal.mustChangePassword();
    }

    /** Restricts the session to changing the bound user's password (after an administrator reset it). */
    public synchronized void requirePasswordChange() {
        this.principal = principal.mustChange(true);
    }

    /** Lifts the restriction once the user changed their password. */
    public synchronized void passwordChanged() {
        this.principal = principal.mustChange(false);
    }

    public void reset() {
        bind(Dn.ROOT, false);
    }

    public Map<String, PagedSearch> pagedSearches() {
        return pagedSearches;
    }

    /** The requests of this connection not answered yet, for Cancel (RFC 3909). */
    public InFlight inFlight() {
        return inFlight;
    }

    /** The virtual list views this connection scrolls in (draft-ietf-ldapext-ldapv3-vlv). */
    public dev.linden.core.control.VlvContexts vlvContexts() {
        return vlvContexts;
    }

    /** Starts an LDAP transaction (RFC 5805); false when one is already in progress on this connection. */
    public synchronized boolean startTransaction(dev.linden.core.txn.PendingTransaction started) {
        if (transaction != null) {
            return false;
        }
        transaction = started;
        return true;
    }

    /** The LDAP transaction in progress, or null. */
    public synchronized dev.linden.core.txn.PendingTransaction transaction() {
        return transaction;
    }

    /** Ends the transaction with this identifier and returns it; null when it is not the one in progress. */
    public synchronized dev.linden.core.txn.PendingTransaction endTransaction(byte[] id) {
        dev.linden.core.txn.PendingTransaction t = transaction;
        if (t == null || !t.is(id)) {
            return null;
        }
        transaction = null;
        return t;
    }

    /** Takes the multi-step SASL exchange in progress (null when none), leaving none. */
    public synchronized SaslExchange takeSaslExchange() {
        SaslExchange e = saslExchange;
        saslExchange = null;
        return e;
    }

    /** Keeps a SASL exchange until the client's next bind request (null ends any exchange in progress). */
    public synchronized void saslExchange(SaslExchange exchange) {
        this.saslExchange = exchange;
    }
}
