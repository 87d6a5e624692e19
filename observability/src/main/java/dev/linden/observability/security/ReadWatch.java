package dev.linden.observability.security;

import dev.linden.core.Oids;
import dev.linden.core.Session;
import dev.linden.core.control.PagedResultsControl;
import dev.linden.model.Dn;
import dev.linden.model.DnCache;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.model.schema.SecretAttributes;
import dev.linden.observability.DetectionSettings;
import dev.linden.observability.OperationRecord;
import dev.linden.observability.security.AlertRaiser.Finding;
import dev.linden.observability.security.SecurityEvent.Severity;
import dev.linden.protocol.Control;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.op.CompareRequest;
import dev.linden.protocol.op.SearchRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reading that looks like an attack: enumeration (a reader taking in much more of the directory
 * than it usually does) and probes for secret attributes. The root DN and exempt identities are not
 * watched.
 *
 * <p>Enumeration is unusual for that reader, not a fixed count: each bound identity, and each
 * anonymous client by its address, has its usual amount of reading ({@link ReaderState}), and a
 * window is unusual past {@code factor} times it, never below the configured floors (a reader seen
 * for the first time is judged by the floors alone). Identities and anonymous addresses are kept in
 * separate tables, so a crowd of anonymous addresses cannot push the applications' usual amounts
 * out. By default an identity's enumeration raises an alert only (an application's sync is not to
 * be punished: enforcement is opted into), while an anonymous crawl is throttled.
 *
 * <p>Cost on the search path: a lookup that returns fewer than {@code minEntriesPerSearch} entries,
 * with a narrow filter and no paging, only has its filter walked once.
 */
final class ReadWatch {
    private final DetectionSettings.Enumeration en;
    private final DetectionSettings.SecretProbes sp;
    private final SecretAttributes secrets;
    private final List<Dn> suffixes;
    private final DnCache bases;
    private final Set<String> exemptIdentities;
    private final AlertRaiser raiser;
    private final ReaderState.Norm norm;
    private final Tracker<ReaderState> identities;
    private final Tracker<ReaderState> anonymous;
    private final Tracker<ProbeState> probes;

    ReadWatch(
            DetectionSettings settings,
            Schema schema,
            List<Dn> suffixes,
            SecretAttributes secrets,
            Set<String> exemptIdentities,
            AlertRaiser raiser) {
        this.en = settings.enumeration();
        this.sp = settings.secretProbes();
        this.secrets = secrets;
        this.suffixes = List.copyOf(suffixes);
        this.bases = new DnCache(schema, 1000);
        this.exemptIdentities = exemptIdentities;
        this.raiser = raiser;
        long window = en.windowSeconds() * 1000L;
        long halfLife = en.memoryHours() * 3_600_000L;
        this.norm = new ReaderState.Norm(
                new long[] {en.entries(), en.broadSearches(), en.pages()}, en.factor(), window, halfLife);
        // a reader's usual amount is kept while it matters: four half-lives of silence fade it below a tenth
        long idle = Math.max(window, 4 * halfLife);
        int max = settings.maxTracked();
        this.identities = new Tracker<>(max, idle, k -> new ReaderState(window));
        this.anonymous = new Tracker<>(max, idle, k -> new ReaderState(window));
        long probeWindow = sp.windowSeconds() * 1000L;
        this.probes = new Tracker<>(max, probeWindow, k -> new ProbeState(probeWindow));
    }

    void search(OperationRecord r, SearchRequest s, long now) {
        Session session = r.session();
        if (session.isAdministrator()
                || (!exemptIdentities.isEmpty()
                        && exemptIdentities.contains(r.identity().normalized()))) {
            return;
        }
        String secret = FilterTraits.probedSecret(s.filter(), secrets);
        if (secret != null) {
            probe(r, secret, "search", now);
        }
        boolean continuation = false;
        for (Control c : r.request().controls()) {
            if (c.oid().equals(Oids.PAGED_RESULTS)) {
                continuation = isContinuation(c);
            }
        }
        // a broad filter over a whole naming context; a paged search counts once, on its first page
        boolean broad = !continuation
                && (s.scope() == SearchScope.SUB || s.scope() == SearchScope.SUBORDINATES)
                && FilterTraits.broad(s.filter())
                && isTop(s.baseDn());
        int entries = r.entries() >= en.minEntriesPerSearch() ? r.entries() : 0;
        if (entries == 0 && !broad && !continuation) {
            return; // a lookup, or a short list
        }
        String key = actor(r);
        boolean anon = key.startsWith("address:");
        ReaderState state = (anon ? anonymous : identities).get(key, now);
        long[] read = {
            state.add(ReaderState.ENTRIES, now, entries, norm),
            state.add(ReaderState.BROAD, now, broad ? 1 : 0, norm),
            state.add(ReaderState.PAGES, now, continuation ? 1 : 0, norm)
        };
        double[] usual = new double[ReaderState.MEASURES];
        boolean unusual = false;
        for (int m = 0; m < ReaderState.MEASURES; m++) {
            usual[m] = state.usual(m, now, norm);
            unusual |= read[m] >= norm.threshold(m, usual[m]);
        }
        if (unusual) {
            String who = offender(key);
            raiser.fire(
                    new Finding(
                            Detector.ENUMERATION,
                            key,
                            who,
                            anon ? en.anonymousAction() : en.action(),
                            en.actionSeconds(),
                            en.windowSeconds(),
                            summary(who, read, usual),
                            Map.of(
                                    "entries",
                                    read[0],
                                    "broadSearches",
                                    read[1],
                                    "pages",
                                    read[2],
                                    "usualEntries",
                                    Math.round(usual[0]),
                                    "usualBroadSearches",
                                    Math.round(usual[1]),
                                    "usualPages",
                                    Math.round(usual[2]))),
                    session,
                    now);
        }
    }

    private String summary(String who, long[] read, double[] usual) {
        String seen = who + " read " + read[0] + " entries, ran " + read[1] + " broad searches over a whole tree and "
                + "fetched " + read[2] + " further pages within " + en.windowSeconds() + " s";
        if (usual[0] < 0.5 && usual[1] < 0.5 && usual[2] < 0.5) {
            return seen + "; nothing usual is known for it yet";
        }
        return seen + "; it usually reads at most " + Math.round(usual[0]) + " entries, " + Math.round(usual[1])
                + " broad searches and " + Math.round(usual[2]) + " further pages in that time";
    }

    void compare(OperationRecord r, CompareRequest c, long now) {
        if (!r.session().isAdministrator()
                && secrets.isSecret(c.attribute())
                && (exemptIdentities.isEmpty()
                        || !exemptIdentities.contains(r.identity().normalized()))) {
            probe(r, c.attribute(), "compare", now);
        }
    }

    private void probe(OperationRecord r, String attribute, String operation, long now) {
        Session session = r.session();
        String key = actor(r);
        raiser.event(SecurityEvent.of("secret_probe", Severity.NOTICE)
                .with("attribute", attribute)
                .with("operation", operation)
                .with("identity", r.identity().toString())
                .with("client", session.clientAddress())
                .with("conn", session.id())
                .build());
        long n = probes.get(key, now).probes.add(now, 1);
        if (n >= sp.probes()) {
            String who = offender(key);
            raiser.fire(
                    new Finding(
                            Detector.SECRET_PROBES,
                            key,
                            who,
                            sp.action(),
                            sp.actionSeconds(),
                            sp.windowSeconds(),
                            n + " searches or compares on secret attributes by " + who + " within " + sp.windowSeconds()
                                    + " s",
                            Map.of("probes", n)),
                    session,
                    now);
        }
    }

    /** Who reads: the bound identity, or for anonymous clients their address. */
    private static String actor(OperationRecord r) {
        Dn identity = r.identity();
        return identity.isRoot()
                ? "address:" + AddressKeys.of(r.session().clientHost())
                : "identity:" + identity.normalized();
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

    void expire(long now) {
        identities.expire(now);
        anonymous.expire(now);
        probes.expire(now);
    }

    long evicted() {
        return identities.evicted() + anonymous.evicted() + probes.evicted();
    }

    static final class ProbeState extends Tracker.State {
        final SlidingCounter probes;

        ProbeState(long window) {
            this.probes = new SlidingCounter(window);
        }
    }
}
