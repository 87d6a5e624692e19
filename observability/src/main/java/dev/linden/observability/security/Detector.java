package dev.linden.observability.security;

import dev.linden.core.acl.AddressRange;
import dev.linden.core.throttle.FamiliarAddresses;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.model.schema.SecretAttributes;
import dev.linden.observability.DetectionSettings;
import dev.linden.observability.DetectionSettings.Action;
import dev.linden.observability.OperationObserver;
import dev.linden.observability.OperationRecord;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.CompareRequest;
import dev.linden.protocol.op.SearchRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Watches finished operations for attacks and raises security events: every failed bind (with its
 * reason), lockouts, probes for secret attributes, and the detections — password spraying and brute
 * force ({@link GuessWatch}), enumeration and repeated secret probes ({@link ReadWatch}). A detection
 * that fires raises an alert ({@link AlertRaiser}) and puts its offender under its configured action
 * (throttle or block) for a while, enforced by {@link EnforcingHandler}.
 *
 * <p>Detection never turns on legitimate users: the defences against guessing spare the addresses an
 * account's owner binds from ({@link FamiliarAddresses}) and never act against the root DN;
 * enumeration is judged against what each reader usually reads, and by default only anonymous
 * crawls are acted against.
 *
 * <p>State is kept per key in bounded {@link Tracker}s with lock-free {@link SlidingCounter}s.
 */
public final class Detector implements OperationObserver {
    public static final String PASSWORD_SPRAY = "password_spray";
    public static final String BRUTE_FORCE = "brute_force";
    public static final String ENUMERATION = "enumeration";
    public static final String SECRET_PROBES = "secret_probes";
    public static final List<String> DETECTIONS = List.of(PASSWORD_SPRAY, BRUTE_FORCE, ENUMERATION, SECRET_PROBES);
    public static final List<String> EVENTS =
            List.of("bind_failure", "lockout", "secret_probe", "alert", "alert_ended");

    private final LongSupplier clock;
    private volatile long ahead;
    private final Set<String> exemptIdentities = new HashSet<>();
    private final FamiliarAddresses familiar;
    private final Offenders offenders;
    private final AlertRaiser raiser;
    private final GuessWatch guesses;
    private final ReadWatch reads;

    /**
     * @param rootDn the administrator, never acted against
     * @param familiar where each account bound from successfully of late, spared by the guessing defences
     * @param log where security events go
     * @param clock milliseconds since the epoch
     */
    public Detector(
            DetectionSettings settings,
            Schema schema,
            List<Dn> suffixes,
            Dn rootDn,
            SecretAttributes secrets,
            FamiliarAddresses familiar,
            Consumer<SecurityEvent> log,
            LongSupplier clock) {
        this.clock = clock;
        this.familiar = familiar;
        for (String dn : settings.exemptIdentities()) {
            try {
                exemptIdentities.add(DnSyntax.parse(dn, schema).normalized());
            } catch (LdapException e) {
                throw new IllegalArgumentException("detection.exemptIdentities: " + dn + ": " + e.getMessage());
            }
        }
        List<AddressRange> exemptAddresses =
                settings.exemptAddresses().stream().map(AddressRange::parse).toList();
        this.offenders = new Offenders(settings.maxTracked());
        this.raiser = new AlertRaiser(log, offenders, exemptIdentities, exemptAddresses);
        this.guesses = new GuessWatch(settings, rootDn.normalized(), familiar, raiser);
        this.reads = new ReadWatch(settings, schema, suffixes, secrets, exemptIdentities, raiser);
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
            case BindRequest b -> guesses.bind(r, now());
            case SearchRequest s -> reads.search(r, s, now());
            case CompareRequest c -> reads.compare(r, c, now());
            default -> {}
        }
    }

    /** This detector's time: the clock it was given, plus any {@link #skipAhead}. */
    public long now() {
        return clock.getAsLong() + ahead;
    }

    /**
     * Moves this detector's time forward (never back), as if that much time had passed: a replay
     * of hours of traffic runs in seconds. Nothing in the server calls it.
     */
    public synchronized void skipAhead(long millis) {
        if (millis > 0) {
            ahead += millis;
        }
    }

    /** Whether this client address is never throttled or blocked. */
    public boolean isExemptAddress(String host) {
        return raiser.isExemptAddress(host);
    }

    /** Whether this identity (a normalised DN) is never throttled or blocked. */
    public boolean isExemptIdentity(String normalizedDn) {
        return exemptIdentities.contains(normalizedDn);
    }

    /** Whether the account (a normalised DN) bound successfully from this client address ("ip:port") of late. */
    public boolean isFamiliar(String account, String clientAddress) {
        return familiar.isFamiliar(account, clientAddress);
    }

    /** Forgets idle state and ends alerts and penalties whose time is up; called every few seconds. */
    public void tick() {
        long now = now();
        guesses.expire(now);
        reads.expire(now);
        offenders.expire(now);
        raiser.expire(now);
    }

    public List<Alert> activeAlerts() {
        return raiser.active(now());
    }

    /** Security events raised since start, by kind (bind_failure, lockout, secret_probe, alert, alert_ended). */
    public long events(String event) {
        return raiser.events(event);
    }

    /** Times each detection fired since start. */
    public long detections(String detection) {
        return raiser.detections(detection);
    }

    public int offenders(Action action) {
        return offenders.count(action, now());
    }

    /** Keys forgotten because a table was full, over all tables. */
    public long evicted() {
        return guesses.evicted() + reads.evicted();
    }
}
