package dev.linden.observability.monitor;

import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.observability.BindFailure;
import dev.linden.observability.CldapStats;
import dev.linden.observability.DetectionSettings.Action;
import dev.linden.observability.GeneralizedTimes;
import dev.linden.observability.OperationKind;
import dev.linden.observability.security.Alert;
import dev.linden.observability.security.Detector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cn=Monitor subtree, built from live data each time it is read, in the manner of OpenLDAP's
 * back-monitor: one entry per listener, connection, operation kind and counter, parents first.
 * Counters are {@code monitorCounter} values of their own entries; texts are {@code monitoredInfo}.
 */
public final class MonitorTree {
    public static final String BASE = "cn=Monitor";
    private static final String SERVER = "monitorServer";
    private static final String CONTAINER = "monitorContainer";
    private static final String COUNTER = "monitorCounterObject";
    private static final String OBJECT = "monitoredObject";

    private final Schema schema;
    private final MonitorSources sources;
    private final AttributeType objectClass;
    private final AttributeType cn;

    public MonitorTree(Schema schema, MonitorSources sources) {
        this.schema = schema;
        this.sources = sources;
        this.objectClass = schema.attributeType("objectClass");
        this.cn = schema.attributeType("cn");
    }

    /** Every entry of the subtree, parents before children. */
    public List<Entry> entries() {
        long now = System.currentTimeMillis();
        List<Entry> out = new ArrayList<>();
        add(
                out,
                BASE,
                SERVER,
                "monitoredInfo",
                "Linden " + sources.version(),
                "description",
                "Linden directory server: live monitoring data, rebuilt on each read");

        add(out, "cn=Time," + BASE, CONTAINER);
        add(
                out,
                "cn=Start,cn=Time," + BASE,
                OBJECT,
                "monitorTimestamp",
                GeneralizedTimes.format(sources.startMillis()));
        add(out, "cn=Current,cn=Time," + BASE, OBJECT, "monitorTimestamp", GeneralizedTimes.format(now));
        add(
                out,
                "cn=Uptime,cn=Time," + BASE,
                OBJECT,
                "monitoredInfo",
                Long.toString((now - sources.startMillis()) / 1000));

        add(out, "cn=Listeners," + BASE, CONTAINER);
        List<Listener> listeners = sources.listeners().get();
        for (int i = 0; i < listeners.size(); i++) {
            Listener l = listeners.get(i);
            add(
                    out,
                    "cn=Listener " + i + ",cn=Listeners," + BASE,
                    OBJECT,
                    "monitorConnectionLocalAddress",
                    l.url(),
                    "labeledURI",
                    l.url(),
                    "monitoredInfo",
                    l.name());
        }

        List<Connections.Live> open = sources.connections().open();
        add(out, "cn=Connections," + BASE, CONTAINER);
        counter(out, "cn=Total,cn=Connections," + BASE, sources.connections().openedTotal());
        counter(out, "cn=Current,cn=Connections," + BASE, open.size());
        for (Connections.Live c : open) {
            add(
                    out,
                    "cn=Connection " + c.session().id() + ",cn=Connections," + BASE,
                    "monitorConnection",
                    "monitorConnectionNumber",
                    Long.toString(c.session().id()),
                    "monitorConnectionProtocol",
                    "3",
                    "monitorConnectionOpsExecuting",
                    Integer.toString(Math.max(0, c.inFlight().getAsInt())),
                    "monitorConnectionAuthzDN",
                    c.session().boundDn().toString(),
                    "monitorConnectionListener",
                    c.listener(),
                    "monitorConnectionPeerAddress",
                    "IP=" + c.session().clientAddress(),
                    "monitorConnectionLocalAddress",
                    "IP=" + c.localAddress(),
                    "monitorConnectionStartTime",
                    GeneralizedTimes.format(c.openedMillis()),
                    "monitorConnectionMask",
                    c.session().isSecure() ? "tls" : "clear");
        }

        var ops = sources.operations();
        long initiated = 0;
        long completed = 0;
        for (OperationKind k : OperationKind.all()) {
            initiated += ops.initiated(k);
            completed += ops.completed(k);
        }
        add(
                out,
                "cn=Operations," + BASE,
                "monitorOperation",
                "monitorOpInitiated",
                Long.toString(initiated),
                "monitorOpCompleted",
                Long.toString(completed));
        for (OperationKind k : OperationKind.all()) {
            if (k != OperationKind.OTHER) {
                add(
                        out,
                        "cn=" + k.monitorName() + ",cn=Operations," + BASE,
                        "monitorOperation",
                        "monitorOpInitiated",
                        Long.toString(ops.initiated(k)),
                        "monitorOpCompleted",
                        Long.toString(ops.completed(k)));
            }
        }
        counter(out, "cn=Last Minute,cn=Operations," + BASE, ops.lastMinute());

        add(out, "cn=Statistics," + BASE, CONTAINER);
        counter(out, "cn=Entries,cn=Statistics," + BASE, ops.entriesReturned());
        add(out, "cn=Searches,cn=Statistics," + BASE, CONTAINER);
        var searches = sources.backend().searchCounters();
        counter(out, "cn=Indexed,cn=Searches,cn=Statistics," + BASE, searches.indexedCount());
        counter(out, "cn=Unindexed,cn=Searches,cn=Statistics," + BASE, searches.unindexedCount());
        counter(out, "cn=Refused,cn=Searches,cn=Statistics," + BASE, searches.refusedCount());
        counter(out, "cn=Scoped,cn=Searches,cn=Statistics," + BASE, searches.scopedCount());

        var store = sources.store();
        if (store != null) {
            add(out, "cn=Store," + BASE, OBJECT, "monitoredInfo", store.kind());
            counter(out, "cn=Size,cn=Store," + BASE, store.sizeInBytes());
            counter(out, "cn=Read Transactions,cn=Store," + BASE, store.reads());
            counter(out, "cn=Write Transactions,cn=Store," + BASE, store.writes());
            counter(out, "cn=Failed Writes,cn=Store," + BASE, store.failedWrites());
            var keys = sources.backend().counters();
            counter(out, "cn=Keys Put,cn=Store," + BASE, keys.puts());
            counter(out, "cn=Keys Deleted,cn=Store," + BASE, keys.deletes());
            counter(out, "cn=Bytes Written,cn=Store," + BASE, keys.bytes());
        }

        var cache = sources.backend().entryCache(); // bounded in bytes: the heap grows with it (entryCacheMb)
        add(out, "cn=Entry Cache," + BASE, CONTAINER);
        counter(out, "cn=Max Bytes,cn=Entry Cache," + BASE, cache.maxBytes());
        counter(out, "cn=Bytes,cn=Entry Cache," + BASE, cache.bytes());
        counter(out, "cn=Entries,cn=Entry Cache," + BASE, cache.entries());
        counter(out, "cn=Hits,cn=Entry Cache," + BASE, cache.hits());
        counter(out, "cn=Misses,cn=Entry Cache," + BASE, cache.misses());

        cldap(out, sources.cldap());
        replication(out, now);

        add(out, "cn=Security," + BASE, CONTAINER);
        counter(out, "cn=Failed Binds,cn=Security," + BASE, ops.bindFailuresTotal());
        for (BindFailure f : BindFailure.values()) {
            counter(out, "cn=" + f.monitorName() + ",cn=Failed Binds,cn=Security," + BASE, ops.bindFailures(f));
        }
        var policy = sources.passwordPolicy() == null
                ? null
                : sources.passwordPolicy().get();
        counter(out, "cn=Lockouts,cn=Security," + BASE, policy == null ? ops.lockouts() : policy.lockouts());
        if (policy != null) {
            add(out, "cn=Bind Throttle,cn=Security," + BASE, CONTAINER);
            counter(out, "cn=Delayed Binds,cn=Bind Throttle,cn=Security," + BASE, policy.delayedBinds());
            counter(out, "cn=Address Blocks,cn=Bind Throttle,cn=Security," + BASE, policy.addressBlocks());
            counter(out, "cn=Blocked Addresses,cn=Bind Throttle,cn=Security," + BASE, policy.blockedAddressesNow());
            counter(out, "cn=Grace Binds,cn=Security," + BASE, policy.graceBinds());
        }
        Detector detector = sources.detector();
        List<Alert> alerts = detector == null ? List.of() : detector.activeAlerts();
        if (detector != null) {
            add(out, "cn=Detections,cn=Security," + BASE, CONTAINER);
            for (String d : Detector.DETECTIONS) {
                counter(out, "cn=" + title(d) + ",cn=Detections,cn=Security," + BASE, detector.detections(d));
            }
            counter(out, "cn=Throttled,cn=Security," + BASE, detector.offenders(Action.THROTTLE));
            counter(out, "cn=Blocked,cn=Security," + BASE, detector.offenders(Action.BLOCK));
            counter(
                    out,
                    "cn=Delayed Operations,cn=Security," + BASE,
                    detector.offenders().delayedOperations());
            counter(
                    out,
                    "cn=Refused Operations,cn=Security," + BASE,
                    detector.offenders().refusedOperations());
        }
        counter(out, "cn=Alerts,cn=Security," + BASE, alerts.size());
        for (Alert a : alerts) {
            add(
                    out,
                    "cn=Alert " + a.id() + ",cn=Alerts,cn=Security," + BASE,
                    OBJECT,
                    "monitoredInfo",
                    "detection=" + a.detection(),
                    "monitoredInfo",
                    "offender=" + a.offender(),
                    "monitoredInfo",
                    "action=" + a.action().name().toLowerCase(Locale.ROOT),
                    "monitoredInfo",
                    "until=" + GeneralizedTimes.format(a.untilMillis()),
                    "monitorTimestamp",
                    GeneralizedTimes.format(a.raisedMillis()),
                    "description",
                    a.summary());
        }
        return out;
    }

    /** "password_spray" to "Password Spray". */
    static String title(String name) {
        StringBuilder sb = new StringBuilder();
        for (String word : name.split("_")) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return sb.toString();
    }

    /**
     * cn=Replication: a "cn=Source NNN" entry (NNN: the rid) per provider this server replicates from, and a
     * "cn=Consumer N" entry (N: the connection) per synchronization it serves.
     */
    private void replication(List<Entry> out, long now) {
        String base = "cn=Replication," + BASE;
        add(out, base, CONTAINER);
        for (var s : sources.replicationSources().get()) {
            List<String> pairs = new ArrayList<>(List.of(
                    "labeledURI",
                    s.provider(),
                    "monitoredInfo",
                    "state=" + s.state(),
                    "monitoredInfo",
                    "changes=" + s.changes(),
                    "monitoredInfo",
                    "delaySeconds=" + s.delayMillis() / 1000,
                    "monitoredInfo",
                    "reconnects=" + s.reconnects(),
                    "monitoredInfo",
                    "refreshes=" + s.refreshes(),
                    "monitoredInfo",
                    "bytes=" + s.bytes()));
            if (s.lastCsn() != null) {
                pairs.addAll(List.of(
                        "monitoredInfo",
                        "lastCSN=" + s.lastCsn(),
                        "monitorTimestamp",
                        GeneralizedTimes.format(s.lastChangeMillis())));
            }
            if (s.lastError() != null) {
                pairs.addAll(List.of("description", "last error: " + s.lastError()));
            }
            if (s.alert() != null) {
                pairs.addAll(List.of("monitoredInfo", "alert=" + s.alert()));
            }
            add(out, String.format("cn=Source %03d,%s", s.rid(), base), OBJECT, pairs.toArray(String[]::new));
        }
        contents(out, base);
        long lastSeq = sources.backend()
                .changelogState(dev.linden.model.sync.CsnVector.EMPTY)
                .lastSeq();
        for (var c : sources.syncs().snapshot(lastSeq)) {
            List<String> pairs = new ArrayList<>(List.of(
                    "monitorConnectionAuthzDN",
                    c.identity(),
                    "monitorConnectionPeerAddress",
                    c.client(),
                    "monitoredInfo",
                    "mode=" + c.mode(),
                    "monitoredInfo",
                    "stage=" + c.stage(),
                    "monitoredInfo",
                    "sent=" + c.sent(),
                    "monitorTimestamp",
                    GeneralizedTimes.format(c.startedMillis())));
            if (c.lagChanges() >= 0) {
                pairs.addAll(List.of("monitoredInfo", "lagChanges=" + c.lagChanges()));
            }
            if (c.lastCsn() != null) {
                pairs.addAll(List.of("monitoredInfo", "lastCSN=" + c.lastCsn()));
            }
            add(out, "cn=Consumer " + c.connection() + "," + base, OBJECT, pairs.toArray(String[]::new));
        }
    }

    /**
     * "cn=Context N" per naming context (N: its place in the configuration, from 1): its entry count and
     * content digest, equal on servers of a mesh that have converged, and its contextCSN.
     */
    private void contents(List<Entry> out, String base) {
        var backend = sources.backend();
        List<Dn> suffixes = backend.config().suffixes();
        for (int i = 0; i < suffixes.size(); i++) {
            Dn suffix = suffixes.get(i);
            try {
                var d = backend.digest(suffix);
                add(
                        out,
                        "cn=Context " + (i + 1) + "," + base,
                        OBJECT,
                        "monitoredInfo",
                        "suffix=" + suffix,
                        "monitoredInfo",
                        "entries=" + d.entries(),
                        "monitoredInfo",
                        "digest=" + d.digest());
            } catch (LdapException e) {
                add(
                        out,
                        "cn=Context " + (i + 1) + "," + base,
                        OBJECT,
                        "monitoredInfo",
                        "suffix=" + suffix,
                        "description",
                        "digest not computed: " + e.getMessage());
            }
        }
    }

    /** cn=CLDAP: what the UDP listener received, answered and dropped (only while it listens). */
    private void cldap(List<Entry> out, CldapStats cldap) {
        if (cldap == null || !cldap.isListening()) {
            return;
        }
        String base = "cn=CLDAP," + BASE;
        add(out, base, CONTAINER);
        counter(out, "cn=Received," + base, cldap.received());
        counter(out, "cn=Bytes In," + base, cldap.bytesIn());
        counter(out, "cn=Bytes Out," + base, cldap.bytesOut());
        long answered = 0;
        for (CldapStats.Answer a : CldapStats.Answer.values()) {
            answered += cldap.answers(a);
        }
        counter(out, "cn=Answered," + base, answered);
        for (CldapStats.Answer a : CldapStats.Answer.values()) {
            counter(out, "cn=" + title(a.label()) + ",cn=Answered," + base, cldap.answers(a));
        }
        counter(out, "cn=Dropped," + base, cldap.dropsTotal());
        for (CldapStats.Drop d : CldapStats.Drop.values()) {
            counter(out, "cn=" + title(d.label()) + ",cn=Dropped," + base, cldap.drops(d));
        }
    }

    private void counter(List<Entry> out, String dn, long value) {
        add(out, dn, COUNTER, "monitorCounter", Long.toString(value));
    }

    /** An entry of one structural class; {@code pairs} are attribute names and values, a name may repeat. */
    private void add(List<Entry> out, String dn, String structural, String... pairs) {
        Dn name;
        try {
            name = DnSyntax.parse(dn, schema);
        } catch (LdapException e) {
            throw new IllegalStateException("bad monitor DN " + dn, e);
        }
        Entry e = new Entry(name);
        e.put(objectClass, "top", "monitor", structural);
        e.put(cn, name.rdn().avas().get(0).value());
        java.util.Map<String, List<String>> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            values.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
        }
        values.forEach((type, v) -> e.put(schema.attributeType(type), v.toArray(String[]::new)));
        out.add(e);
    }
}
