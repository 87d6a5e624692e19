package dev.linden.backend;

import dev.linden.model.Attribute;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.schema.Schema;
import dev.linden.model.sync.Csn;
import dev.linden.storage.memory.MemoryStorage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Several backends that replicate to each other as a mesh of Linden servers does, without the
 * network: a pass from one to another sends the changes the other has not had from it (not those that
 * started on the other), each as the entry's present state with its change state, or a delete, and
 * the other applies them as its consumer would. The network, cookies and the protocol are the
 * integration tests' business; this is about what the stores make of the changes.
 */
final class Mesh {
    static final Schema SCHEMA = Schema.standard();
    static final String SUFFIX = "dc=example,dc=com";

    final List<Backend> servers = new ArrayList<>();
    private final Map<String, Long> seen = new HashMap<>(); // "from>to" -> last changelog seq passed

    Mesh(int size) throws Exception {
        this(java.util.Collections.nCopies(size, java.time.Clock.systemUTC()).toArray(java.time.Clock[]::new));
    }

    /** One server per clock, each issuing CSNs from its own wall clock. */
    Mesh(java.time.Clock... clocks) throws Exception {
        for (int i = 0; i < clocks.length; i++) {
            servers.add(new Backend(
                    new MemoryStorage(),
                    SCHEMA,
                    new BackendConfig(
                            List.of(dn(SUFFIX)),
                            BackendConfig.defaultIndexes(),
                            100,
                            BackendConfig.DEFAULT_ENTRY_CACHE_BYTES,
                            List.of("member")),
                    new ChangelogSettings(i + 1, 1_000_000, 7 * 86400, clocks[i], true)));
        }
    }

    Backend get(int i) {
        return servers.get(i);
    }

    static Dn dn(String text) throws Exception {
        return DnSyntax.parse(text, SCHEMA);
    }

    /** Passes what {@code from} has that {@code to} has not had from it; returns the number of changes. */
    int pass(int from, int to) throws Exception {
        Backend a = servers.get(from);
        Backend b = servers.get(to);
        String key = from + ">" + to;
        long after = seen.getOrDefault(key, 0L);
        List<ChangeRecord> records = a.changesAfter(after, 1_000_000);
        List<ReplicaChange> changes = new ArrayList<>();
        for (ChangeRecord r : records) {
            after = r.seq();
            if (r.csn().sid() == b.serverId()) {
                continue; // started there
            }
            UUID uuid = uuid(r.uuid());
            List<Entry> found = new ArrayList<>();
            a.byUuids(
                    List.of(uuid),
                    (id, e, stored, view) -> {
                        found.add(plain(e));
                        return true;
                    },
                    u -> {});
            if (found.isEmpty()) {
                changes.add(new ReplicaChange.Delete(uuid, r.kind() == ChangeKind.DELETE ? r.csn() : null));
            } else {
                changes.add(new ReplicaChange.Upsert(found.get(0)));
            }
        }
        seen.put(key, after);
        if (!changes.isEmpty()) {
            b.applyReplicated(changes, null, null);
        }
        return changes.size();
    }

    /** Passes between every pair until nothing moves. */
    void settle() throws Exception {
        for (int round = 0; round < 20; round++) {
            int moved = 0;
            for (int i = 0; i < servers.size(); i++) {
                for (int j = 0; j < servers.size(); j++) {
                    if (i != j) {
                        moved += pass(i, j);
                    }
                }
            }
            if (moved == 0) {
                return;
            }
        }
        throw new AssertionError("the mesh does not settle");
    }

    /** Each entry as text (DN, sorted attributes and values, without the change state), by entryUUID. */
    static TreeMap<String, String> export(Backend b) throws Exception {
        TreeMap<String, String> out = new TreeMap<>();
        b.forEach((id, e, stored, view) -> {
            TreeMap<String, List<String>> attrs = new TreeMap<>();
            for (Attribute a : e.attributes()) {
                if (a.description().type().name().equals("lindencsnstate")) {
                    continue;
                }
                List<String> vs = new ArrayList<>();
                a.values().forEach(v -> vs.add(new String(v, StandardCharsets.UTF_8)));
                vs.sort(null);
                attrs.put(a.description().key(), vs);
            }
            out.put(e.firstString(SCHEMA.attributeType("entryUUID")), e.dn().normalized() + " " + attrs);
            return true;
        });
        return out;
    }

    /** The entries that differ between two exports, each as "uuid: one | other". */
    static List<String> differences(TreeMap<String, String> one, TreeMap<String, String> other) {
        List<String> out = new ArrayList<>();
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(one.keySet());
        keys.addAll(other.keySet());
        for (String k : keys) {
            if (!java.util.Objects.equals(one.get(k), other.get(k))) {
                out.add(k + ":\n  " + one.get(k) + "\n  " + other.get(k));
            }
        }
        return out;
    }

    /** The entry with every value read (none left in a store of the sending server). */
    static Entry plain(Entry e) {
        Entry copy = new Entry(e.dn());
        for (Attribute a : e.attributes()) {
            copy.put(new Attribute(a.description(), a.values()));
        }
        return copy;
    }

    static UUID uuid(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        return new UUID(buf.getLong(), buf.getLong());
    }

    static Csn csn(Entry e) throws Exception {
        return Csn.parse(e.firstString(SCHEMA.attributeType("entryCSN")));
    }
}
