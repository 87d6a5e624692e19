package dev.linden.observability.security;

import dev.linden.core.Oids;
import dev.linden.core.Session;
import dev.linden.core.acl.AddressRange;
import dev.linden.core.control.PagedResultsControl;
import dev.linden.model.Dn;
import dev.linden.model.DnCache;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.observability.BindOutcome;
import dev.linden.observability.DetectionSettings;
import dev.linden.observability.DetectionSettings.Action;
import dev.linden.observability.GeneralizedTimes;
import dev.linden.observability.OperationObserver;
import dev.linden.observability.OperationRecord;
import dev.linden.observability.SecretAttributes;
import dev.linden.observability.security.SecurityEvent.Severity;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.op.CompareRequest;
import dev.linden.protocol.op.SearchRequest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Watches finished operations for attacks and raises security events: every failed bind (with its
 * reason), lockouts, probes for secret attributes, and the detections — password spraying (one
 * address failing against many accounts), brute force (many failures on one account, from any
 * addresses), enumeration (one identity reading much of the directory, running broad searches from
 * the top, or walking paged results) and repeated secret probes. A detection that fires puts its
 * offender under its configured action (throttle or block) for a while, enforced by
 * {@link EnforcingHandler}.
 *
 * <p>Cost on the search path: a lookup that returns at most one entry, with a narrow filter and no
 * paging, only has its filter walked once; nothing is counted, locked or allocated for it. State is
 * kept per key in bounded {@link Tracker}s with lock-free {@link SlidingCounter}s.
 */
public final class Detector implements OperationObserver {
    public static final String PASSWORD_SPRAY = "password_spray";
    public static final String BRUTE_FORCE = "brute_force";
    public static final String ENUMERATION = "enumeration";
    public static final String SECRET_PROBES = "secret_probes";
    public static final List<String> DETECTIONS = List.of(PASSWORD_SPRAY, BRUTE_FORCE, ENUMERATION, SECRET_PROBES);
    public static final List<String> EVENTS = List.of("bind_failure", "lockout", "secret_probe", "alert", "alert_ended");

    private final DetectionSettings settings;
    private final LongSupplier clock;
    private final Consumer<SecurityEvent> log;
    private final SecretAttributes secrets;
    private final List<Dn> suffixes;
    private final DnCache bases;
    private final Set<String> exemptIdentities = new HashSet<>();
    private final List<AddressRange> exemptAddresses;
    private final Offenders offenders;
    private final Alerts alerts = new Alerts(10_000);
    private final Tracker<SprayState> spray;
    private final Tracker<BruteState> brute;
    private final Tracker<ReaderState> readers;
    private final Tracker<ProbeState> probes;
    private final Map<String, LongAdder> events = new LinkedHashMap<>();
    private final Map<String, LongAdder> detections = new LinkedHashMap<>();

    public Detector(DetectionSettings settings, Schema schema, List<Dn> suffixes, SecretAttributes secrets,
            Consumer<SecurityEvent> log, LongSupplier clock) {
        this.settings = settings;
        this.clock = clock;
        this.log = log;
        this.secrets = secrets;
        this.suffixes = List.copyOf(suffixes);
        this.bases = new DnCache(schema, 1000);
        this.exemptAddresses = settings.exemptAddresses().stream().map(AddressRange::parse).toList();
        for (String dn : settings.exemptIdentities()) {
            try {
                exemptIdentities.add(dev.linden.model.DnSyntax.parse(dn, schema).normalized());
            } catch (LdapException e) {
                throw new IllegalArgumentException("detection.exemptIdentities: " + dn + ": " + e.getMessage());
            }
        }
        int max = settings.maxTracked();
        this.offenders = new Offenders(max);
        DetectionSettings.PasswordSpray ps = settings.passwordSpray();
        this.spray = new Tracker<>(max, ps.windowSeconds() * 1000L, k -> new SprayState(ps.accounts()));
        long bruteWindow = settings.bruteForce().windowSeconds() * 1000L;
        this.brute = new Tracker<>(max, bruteWindow, k -> new BruteState(bruteWindow));
        long readWindow = settings.enumeration().windowSeconds() * 1000L;
        this.readers = new Tracker<>(max, readWindow, k -> new ReaderState(readWindow));
        long probeWindow = settings.secretProbes().windowSeconds() * 1000L;
        this.probes = new Tracker<>(max, probeWindow, k -> new ProbeState(probeWindow));
        EVENTS.forEach(e -> events.put(e, new LongAdder()));
        DETECTIONS.forEach(d -> detections.put(d, new LongAdder()));
    }

    public Offenders offenders() {
        return offenders;
    }

    @Override
    public void completed(OperationRecord r) {
        if (r.enforced() == Action.BLOCK) {
            return; // refused before it ran: it read nothing and tried no password
        }
        switch (r.request().op()) {
            case dev.linden.protocol.op.BindRequest b -> bind(r);
            case SearchRequest s -> search(r, s);
            case CompareRequest c -> compare(r, c);
            default -> {
            }
        }
    }

    private void bind(OperationRecord r) {
        BindOutcome b = r.bind();
        if (b == null || b.success() || b.failure() == null) {
            return;
        }
        Session session = r.session();
        LdapResult result = r.result();
        event(SecurityEvent.of("bind_failure", Severity.INFO)
                .with("reason", b.failure().label()).with("account", b.account()).with("method", b.method())
                .with("result", result == null ? null : (long) result.code().code())
                .with("client", session.clientAddress()).with("conn", session.id()).build());
        if (b.lockout()) {
            event(SecurityEvent.of("lockout", Severity.WARNING).with("account", b.account())
                    .with("client", session.clientAddress()).with("conn", session.id()).build());
        }
        if (!b.failure().isGuess() || b.account().isEmpty()) {
            return;
        }
        long now = clock.getAsLong();
        String address = AddressKeys.of(session.clientHost());
        DetectionSettings.PasswordSpray ps = settings.passwordSpray();
        int accounts = spray.get(address, now).failed(hash(b.account()), now, ps.windowSeconds() * 1000L);
        if (accounts >= ps.accounts()) {
            fire(PASSWORD_SPRAY, "address:" + address, "address " + address, session, ps.action(), ps.actionSeconds(),
                    ps.windowSeconds(), accounts + " distinct accounts failed to bind from " + address + " within "
                            + ps.windowSeconds() + " s", Map.of("accounts", (long) accounts));
        }
        DetectionSettings.BruteForce bf = settings.bruteForce();
        BruteState state = brute.get(b.account(), now);
        long failures = state.failures.add(now, 1);
        int sources = state.source(address);
        if (failures >= bf.failures()) {
            fire(BRUTE_FORCE, "account:" + b.account(), "account " + b.account(), session, bf.action(),
                    bf.actionSeconds(), bf.windowSeconds(), failures + " failed binds against " + b.account() + " from "
                            + sources + (sources == BruteState.SOURCES ? " or more" : "") + " addresses within "
                            + bf.windowSeconds() + " s", Map.of("failures", failures, "addresses", (long) sources));
        }
    }

    private void search(OperationRecord r, SearchRequest s) {
        Session session = r.session();
        if (session.isAdministrator() || (!exemptIdentities.isEmpty() && exemptIdentities.contains(r.identity().normalized()))) {
            return;
        }
        String secret = FilterTraits.probedSecret(s.filter(), secrets);
        if (secret != null) {
            probe(r, secret, "search");
        }
        boolean continuation = false;
        for (Control c : r.request().controls()) {
            if (c.oid().equals(Oids.PAGED_RESULTS)) {
                continuation = isContinuation(c);
            }
        }
        // a broad filter over a whole naming context; a paged search counts once, on its first page
        boolean broad = !continuation && (s.scope() == SearchScope.SUB || s.scope() == SearchScope.SUBORDINATES)
                && FilterTraits.broad(s.filter()) && isTop(s.baseDn());
        DetectionSettings.Enumeration en = settings.enumeration();
        int entries = r.entries() >= en.minEntriesPerSearch() ? r.entries() : 0;
        if (entries == 0 && !broad && !continuation) {
            return; // a lookup, or a short list
        }
        long now = clock.getAsLong();
        String key = actor(r);
        ReaderState state = readers.get(key, now);
        long read = entries > 0 ? state.entries.add(now, entries) : state.entries.sum(now);
        long broadSearches = broad ? state.broad.add(now, 1) : state.broad.sum(now);
        long pages = continuation ? state.pages.add(now, 1) : state.pages.sum(now);
        if (read >= en.entries() || broadSearches >= en.broadSearches() || pages >= en.pages()) {
            String who = offender(key);
            fire(ENUMERATION, key, who, session, en.action(), en.actionSeconds(), en.windowSeconds(),
                    who + " read " + read + " entries, ran " + broadSearches + " broad searches over a whole tree and "
                            + "fetched " + pages + " further pages within " + en.windowSeconds() + " s",
                    Map.of("entries", read, "broadSearches", broadSearches, "pages", pages));
        }
    }

    private void compare(OperationRecord r, CompareRequest c) {
        if (!r.session().isAdministrator() && secrets.isSecret(c.attribute())
                && (exemptIdentities.isEmpty() || !exemptIdentities.contains(r.identity().normalized()))) {
            probe(r, c.attribute(), "compare");
        }
    }

    private void probe(OperationRecord r, String attribute, String operation) {
        Session session = r.session();
        String key = actor(r);
        event(SecurityEvent.of("secret_probe", Severity.NOTICE).with("attribute", attribute).with("operation", operation)
                .with("identity", r.identity().toString()).with("client", session.clientAddress())
                .with("conn", session.id()).build());
        long now = clock.getAsLong();
        DetectionSettings.SecretProbes sp = settings.secretProbes();
        long n = probes.get(key, now).probes.add(now, 1);
        if (n >= sp.probes()) {
            String who = offender(key);
            fire(SECRET_PROBES, key, who, session, sp.action(), sp.actionSeconds(), sp.windowSeconds(),
                    n + " searches or compares on secret attributes by " + who + " within " + sp.windowSeconds() + " s",
                    Map.of("probes", n));
        }
    }

    /** Raises a detection's alert (once while it is active) and puts the offender under its action. */
    private void fire(String detection, String offenderKey, String offender, Session session, Action configured,
            int actionSeconds, int windowSeconds, String summary, Map<String, Long> counts) {
        long now = clock.getAsLong();
        if (alerts.isActive(detection, offenderKey, now)) {
            return;
        }
        boolean exempt = isExempt(offenderKey, session);
        Action action = exempt ? Action.NONE : configured;
        long until = now + 1000L * (action == Action.NONE ? windowSeconds : actionSeconds);
        Alert alert = alerts.raise(detection, offenderKey, offender, now, until, action, summary);
        if (alert == null) {
            return;
        }
        offenders.punish(offenderKey, action, until, detection);
        detections.get(detection).increment();
        SecurityEvent.Builder e = SecurityEvent.of("alert", Severity.WARNING).with("detection", detection)
                .with("alert", alert.id()).with("offender", offender);
        counts.forEach(e::with);
        e.with("windowSeconds", (long) windowSeconds).with("action", action.name().toLowerCase(java.util.Locale.ROOT))
                .with("until", GeneralizedTimes.format(until)).with("exempt", exempt ? true : null)
                .with("client", session.clientAddress()).with("conn", session.id()).with("summary", summary);
        event(e.build());
    }

    private boolean isExempt(String offenderKey, Session session) {
        if (offenderKey.startsWith("identity:") || offenderKey.startsWith("account:")) {
            if (exemptIdentities.contains(offenderKey.substring(offenderKey.indexOf(':') + 1))) {
                return true;
            }
        }
        return isExemptAddress(session.clientHost());
    }

    /** Whether this client address is never throttled or blocked. */
    public boolean isExemptAddress(String host) {
        for (AddressRange range : exemptAddresses) {
            if (range.contains(host)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this identity (a normalised DN) is never throttled or blocked. */
    public boolean isExemptIdentity(String normalizedDn) {
        return exemptIdentities.contains(normalizedDn);
    }

    private void event(SecurityEvent e) {
        events.get(e.event()).increment();
        log.accept(e);
    }

    /** Who reads: the bound identity, or for anonymous clients their address. */
    private static String actor(OperationRecord r) {
        Dn identity = r.identity();
        return identity.isRoot() ? "address:" + AddressKeys.of(r.session().clientHost()) : "identity:" + identity.normalized();
    }

    private static String offender(String key) {
        return key.startsWith("address:") ? "address " + key.substring(8) : "identity " + key.substring(9);
    }

    /** Whether a search base is the root or a naming context: the top of a whole tree. */
    private boolean isTop(String baseDn) {
        Dn base;
        try {
            base = bases.parse(baseDn);
        } catch (LdapException e) {
            return false;
        }
        if (base.isRoot()) {
            return true;
        }
        for (Dn suffix : suffixes) {
            if (base.equals(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isContinuation(Control c) {
        try {
            return PagedResultsControl.decode(c).cookie().length > 0;
        } catch (LdapException e) {
            return false;
        }
    }

    /** Forgets idle state and ends alerts and penalties whose time is up; called every few seconds. */
    public void tick() {
        long now = clock.getAsLong();
        spray.expire(now);
        brute.expire(now);
        readers.expire(now);
        probes.expire(now);
        offenders.expire(now);
        for (Alert a : alerts.expire(now)) {
            event(SecurityEvent.of("alert_ended", Severity.INFO).with("detection", a.detection()).with("alert", a.id())
                    .with("offender", a.offender()).build());
        }
    }

    public List<Alert> activeAlerts() {
        return alerts.active(clock.getAsLong());
    }

    /** Security events raised since start, by kind (bind_failure, lockout, secret_probe, alert, alert_ended). */
    public long events(String event) {
        return events.get(event).sum();
    }

    /** Times each detection fired since start. */
    public long detections(String detection) {
        return detections.get(detection).sum();
    }

    public int offenders(Action action) {
        return offenders.count(action, clock.getAsLong());
    }

    /** Keys forgotten because a table was full, over all tables. */
    public long evicted() {
        return spray.evicted() + brute.evicted() + readers.evicted() + probes.evicted();
    }

    /** A 64-bit hash of an account name, so the spray table holds longs, not strings. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Accounts one address failed against lately: at most as many as the threshold, with their times. */
    static final class SprayState extends Tracker.State {
        private final long[] accounts;
        private final long[] times;
        private int size;

        SprayState(int threshold) {
            int capacity = Math.max(1, threshold);
            this.accounts = new long[capacity];
            this.times = new long[capacity];
        }

        /** Counts a failure against an account; returns the distinct accounts within the window. */
        synchronized int failed(long account, long now, long window) {
            int live = 0;
            for (int i = 0; i < size; i++) { // drop the expired, keep the order
                if (now - times[i] < window) {
                    accounts[live] = accounts[i];
                    times[live++] = times[i];
                }
            }
            size = live;
            for (int i = 0; i < size; i++) {
                if (accounts[i] == account) {
                    times[i] = now;
                    return size;
                }
            }
            if (size < accounts.length) {
                accounts[size] = account;
                times[size++] = now;
            }
            return size;
        }
    }

    /** Failures against one account and (a few of) the addresses they came from. */
    static final class BruteState extends Tracker.State {
        static final int SOURCES = 16;
        final SlidingCounter failures;
        private final String[] sources = new String[SOURCES];
        private int sourceCount;

        BruteState(long window) {
            this.failures = new SlidingCounter(window);
        }

        synchronized int source(String address) {
            for (int i = 0; i < sourceCount; i++) {
                if (sources[i].equals(address)) {
                    return sourceCount;
                }
            }
            if (sourceCount < SOURCES) {
                sources[sourceCount++] = address;
            }
            return sourceCount;
        }
    }

    /** What one identity (or anonymous address) read lately: three counters in one array. */
    static final class ReaderState extends Tracker.State {
        final SlidingCounter entries;
        final SlidingCounter broad;
        final SlidingCounter pages;

        ReaderState(long window) {
            AtomicLongArray slots = new AtomicLongArray(3 * SlidingCounter.BUCKETS);
            this.entries = new SlidingCounter(slots, 0, window);
            this.broad = new SlidingCounter(slots, SlidingCounter.BUCKETS, window);
            this.pages = new SlidingCounter(slots, 2 * SlidingCounter.BUCKETS, window);
        }
    }

    static final class ProbeState extends Tracker.State {
        final SlidingCounter probes;

        ProbeState(long window) {
            this.probes = new SlidingCounter(window);
        }
    }
}
