package dev.linden.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.filter.FilterEvaluator;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.FilterText;
import dev.linden.storage.Cursor;
import dev.linden.storage.Storage;
import dev.linden.storage.lmdb.LmdbStorage;
import dev.linden.storage.memory.MemoryStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values kept apart from the entry record (huge groups): stored one key each past the threshold,
 * changed key by key, read whole when asked, and every index and table exactly what the entries
 * imply after any sequence of changes.
 */
class LargeAttributesTest {
    private static final Schema SCHEMA = Schema.standard();
    private static final String SUFFIX = "dc=example,dc=com";
    private static final String PEOPLE = "ou=people," + SUFFIX;
    private static final String GROUP = "cn=big,ou=groups," + SUFFIX;
    private static final AttributeType MEMBER = SCHEMA.attributeType("member");
    private static final int THRESHOLD = 3;

    private Storage storage;
    private Backend backend;

    @AfterEach
    void close() {
        if (backend != null) {
            backend.close();
        }
    }

    private static Dn dn(String text) throws LdapException {
        return DnSyntax.parse(text, SCHEMA);
    }

    private static String user(int i) {
        return "uid=u" + i + "," + PEOPLE;
    }

    private void open(Storage s, int threshold) throws Exception {
        reopen(s, threshold);
        backend.add(entry(SUFFIX, "objectClass", "domain", "dc", "example"));
        backend.add(entry(PEOPLE, "objectClass", "organizationalUnit", "ou", "people"));
        backend.add(entry("ou=groups," + SUFFIX, "objectClass", "organizationalUnit", "ou", "groups"));
    }

    private void reopen(Storage s, int threshold) throws Exception {
        storage = s;
        backend = new Backend(
                s,
                SCHEMA,
                new BackendConfig(
                        List.of(dn(SUFFIX)),
                        BackendConfig.defaultIndexes(),
                        1000,
                        64,
                        List.of("member", "uniqueMember", "owner", "seeAlso", "manager"),
                        BackendConfig.DEFAULT_LARGE_VALUE_TYPES,
                        threshold));
    }

    private void open() throws Exception {
        open(new MemoryStorage(), THRESHOLD);
    }

    private static Entry entry(String dn, String... pairs) throws LdapException {
        Entry e = new Entry(dn(dn));
        Map<String, List<byte[]>> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        for (var v : values.entrySet()) {
            e.put(new Attribute(AttributeDescription.parse(v.getKey(), SCHEMA), v.getValue()));
        }
        return e;
    }

    private void addUsers(int from, int to) throws LdapException {
        List<Entry> users = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            users.add(entry(user(i), "objectClass", "inetOrgPerson", "uid", "u" + i, "cn", "U" + i, "sn", "U"));
        }
        backend.addAll(users);
    }

    private void addGroup(String dn, int members) throws LdapException {
        List<String> pairs =
                new ArrayList<>(List.of("objectClass", "groupOfNames", "cn", dn.substring(3, dn.indexOf(','))));
        for (int i = 1; i <= members; i++) {
            pairs.add("member");
            pairs.add(user(i));
        }
        backend.add(entry(dn, pairs.toArray(String[]::new)));
    }

    private Entry modifyMembers(String group, List<String> add, List<String> delete) throws LdapException {
        return backend.modify(dn(group), e -> {
            Attribute a = e.get(MEMBER);
            if (!delete.isEmpty()) {
                List<String> norms = new ArrayList<>();
                for (String d : delete) {
                    norms.add(dn(d).normalized());
                }
                a = a.withRemoved(norms, SCHEMA);
            }
            if (!add.isEmpty()) {
                List<String> norms = new ArrayList<>();
                List<byte[]> values = new ArrayList<>();
                for (String v : add) {
                    norms.add(dn(v).normalized());
                    values.add(v.getBytes(StandardCharsets.UTF_8));
                }
                a = a == null ? new Attribute(AttributeDescription.of(MEMBER), values) : a.withAdded(values, norms);
            }
            if (a == null) {
                e.remove(AttributeDescription.of(MEMBER));
            } else {
                e.put(a);
            }
            return e;
        });
    }

    private Set<String> members(String group) throws LdapException {
        Entry e = backend.get(dn(group));
        Set<String> result = new TreeSet<>();
        if (e != null && e.get(MEMBER) != null) {
            for (byte[] v : e.get(MEMBER).values()) {
                result.add(dn(new String(v, StandardCharsets.UTF_8)).normalized());
            }
        }
        return result;
    }

    private byte[] record(String dn) throws LdapException {
        byte[] key = dn(dn).key();
        return storage.read(tx -> {
            byte[] id = tx.get(storage.tree("dn2id"), key);
            return id == null ? null : tx.get(storage.tree("id2entry"), id);
        });
    }

    private List<String> keys(String tree) {
        return storage.read(tx -> {
            List<String> keys = new ArrayList<>();
            try (Cursor c = tx.cursor(storage.tree(tree), new byte[0])) {
                while (c.next()) {
                    keys.add(HexFormat.of().formatHex(c.key()));
                }
            }
            return keys;
        });
    }

    private List<String> search(String filter) throws Exception {
        var f = FilterText.parse(filter);
        FilterEvaluator evaluator = new FilterEvaluator(SCHEMA);
        List<String> found = new ArrayList<>();
        backend.search(SearchSpec.of(dn(SUFFIX), SearchScope.SUB, f, 0), (id, entry, stored, view) -> {
            if (evaluator.matches(f, entry)) {
                found.add(entry.dn().normalized());
            }
            return true;
        });
        return found;
    }

    /**
     * Every index and the table of values hold exactly the keys the entries imply: what a change wrote
     * key by key is what writing each entry whole would have written.
     */
    private void assertConsistent() throws Exception {
        Map<String, Set<String>> expected = new HashMap<>();
        List<AttributeIndex> indexes = new ArrayList<>();
        for (var e : BackendConfig.defaultIndexes().entrySet()) {
            indexes.add(new AttributeIndex(storage, SCHEMA, SCHEMA.attributeType(e.getKey()), e.getValue()));
        }
        Set<String> values = new TreeSet<>();
        Map<String, Id2Values.Summary> summaries = new HashMap<>();
        backend.forEach((id, entry, stored, view) -> {
            for (AttributeIndex index : indexes) {
                for (AttributeIndex.Key k : index.keys(entry)) {
                    expected.computeIfAbsent("index." + index.type().name(), n -> new TreeSet<>())
                            .add(HexFormat.of().formatHex(k.withId(id)));
                }
            }
            for (Attribute a : entry.attributes()) {
                if (a.isStored()) {
                    byte[] prefix = Id2Values.prefix(id, a.description().key());
                    long bytes = 0;
                    for (byte[] v : a.values()) {
                        values.add(HexFormat.of().formatHex(Id2Values.key(prefix, a.normalizeOrRaw(v, SCHEMA))));
                        bytes += Id2Values.encoded(v);
                    }
                    String summary = HexFormat.of().formatHex(Id2Values.summaryKey(prefix));
                    values.add(summary);
                    summaries.put(summary, new Id2Values.Summary(a.values().size(), bytes));
                }
            }
            return true;
        });
        for (AttributeIndex index : indexes) {
            String tree = "index." + index.type().name();
            assertThat(new TreeSet<>(keys(tree))).as(tree).isEqualTo(expected.getOrDefault(tree, Set.of()));
        }
        assertThat(new TreeSet<>(keys("id2values"))).as("id2values").isEqualTo(values);
        for (var e : summaries.entrySet()) { // each summary as a count of the values now would give it
            byte[] stored = storage.read(
                    tx -> tx.get(storage.tree("id2values"), HexFormat.of().parseHex(e.getKey())));
            assertThat(Id2Values.Summary.of(stored))
                    .as("summary %s", e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void pastTheThresholdValuesAreKeptApartAndReadWhole() throws Exception {
        open();
        addUsers(1, 5);
        addGroup("cn=small,ou=groups," + SUFFIX, THRESHOLD);
        addGroup(GROUP, 5);
        assertThat(EntryCodec.hasApart(record("cn=small,ou=groups," + SUFFIX))).isFalse();
        assertThat(EntryCodec.hasApart(record(GROUP))).isTrue();
        assertThat(new String(record(GROUP), StandardCharsets.UTF_8)).doesNotContain("uid=u1");
        assertThat(keys("id2values")).hasSize(5 + 1); // and the values' summary

        Entry group = backend.get(dn(GROUP));
        assertThat(group.get(MEMBER).isStored()).isTrue();
        assertThat(members(GROUP)).hasSize(5).contains(dn(user(3)).normalized());
        assertThat(group.get(MEMBER).containsNormalized(dn(user(4)).normalized(), SCHEMA))
                .isTrue();
        assertThat(group.get(MEMBER).containsNormalized(dn(user(9)).normalized(), SCHEMA))
                .isFalse();
        assertThat(search("(member=UID=U2,OU=People,DC=example,DC=com)"))
                .containsExactlyInAnyOrder(
                        dn("cn=small,ou=groups," + SUFFIX).normalized(),
                        dn(GROUP).normalized());
        assertThat(search("(member=UID=U5,OU=People,DC=example,DC=com)"))
                .containsExactly(dn(GROUP).normalized());
        assertThat(search("(&(cn=big)(member=uid=u9,ou=people,dc=example,dc=com))"))
                .isEmpty();
        assertThat(search("(&(cn=big)(member=*))")).containsExactly(dn(GROUP).normalized());
        Dn u2 = dn(user(2));
        Dn big = dn(GROUP);
        assertThat(backend.<Set<Dn>>read(view -> view.groupsOf(u2, false)))
                .containsExactlyInAnyOrder(dn("cn=small,ou=groups," + SUFFIX), dn(GROUP));
        assertThat(backend.<Set<Dn>>read(view -> view.members(big, false))).hasSize(5);
        assertConsistent();
    }

    @Test
    void addingAndRemovingOneValueWritesOnlyItsKeys() throws Exception {
        open();
        addUsers(1, 3);
        addGroup(GROUP, 200);
        int recordSize = record(GROUP).length;

        var before = backend.counters();
        modifyMembers(GROUP, List.of(user(201)), List.of());
        var add = backend.counters().minus(before);
        // the value's key, the values' summary, its equality index key, the record; and the changelog's
        // constant four (the record, its CSN index key, the next sequence number, the contextCSN)
        assertThat(add.puts()).isEqualTo(4);
        assertThat(add.logWrites()).isEqualTo(4);
        assertThat(add.deletes()).isZero();
        assertThat(add.apartReads()).isZero(); // the caller tests the value (one look-up), not the backend
        assertThat(add.bytes()).isLessThan(recordSize + 200);
        assertThat(record(GROUP).length).isEqualTo(recordSize);

        before = backend.counters();
        modifyMembers(GROUP, List.of(), List.of(user(7)));
        var delete = backend.counters().minus(before);
        assertThat(delete.puts()).isEqualTo(2); // the record and the values' summary
        assertThat(delete.deletes()).isEqualTo(2); // the value's key and its index key
        assertThat(delete.apartReads()).isBetween(1L, 2L); // is another value left? one or two cursor steps

        assertThat(members(GROUP))
                .hasSize(200)
                .contains(dn(user(201)).normalized())
                .doesNotContain(dn(user(7)).normalized());
        assertThat(search("(member=" + user(201) + ")"))
                .containsExactly(dn(GROUP).normalized());
        assertThat(search("(member=" + user(7) + ")")).isEmpty();
        assertConsistent();
    }

    @Test
    void removingAValueAndAddingItAgainInOneChangeKeepsItsKeys() throws Exception {
        open();
        addGroup(GROUP, 10);
        modifyMembers(GROUP, List.of("UID=U4,OU=People,DC=Example,DC=COM"), List.of(user(4)));
        assertThat(members(GROUP)).hasSize(10);
        Entry e = backend.get(dn(GROUP));
        assertThat(e.strings(MEMBER))
                .contains("UID=U4,OU=People,DC=Example,DC=COM")
                .doesNotContain(user(4));
        assertThat(search("(member=" + user(4) + ")")).containsExactly(dn(GROUP).normalized());
        assertConsistent();
    }

    @Test
    void valuesOfOneNormalisedFormLoadedTogetherAreOneValueInTheSummaryToo() throws Exception {
        open();
        // loaded without schema checks, an entry may name one member in two spellings: one key, the
        // spelling written last stays, and the summary counts it alone
        List<String> pairs = new ArrayList<>(List.of("objectClass", "groupOfNames", "cn", "big"));
        for (int i = 1; i <= 6; i++) {
            pairs.addAll(List.of("member", user(i)));
        }
        pairs.addAll(List.of("member", "UID=U3,OU=PEOPLE,DC=EXAMPLE,DC=COM"));
        backend.add(entry(GROUP, pairs.toArray(String[]::new)));
        assertThat(members(GROUP)).hasSize(6);
        assertThat(backend.get(dn(GROUP)).strings(MEMBER)).contains("UID=U3,OU=PEOPLE,DC=EXAMPLE,DC=COM");
        assertConsistent();
    }

    @Test
    void valuesWrittenBeforeSummariesExistedAreCountedAndChangesLeaveThemWithoutOne() throws Exception {
        open();
        addGroup(GROUP, 200);
        String summary = keys("id2values").stream()
                .filter(k -> k.endsWith(HexFormat.of().formatHex("member".getBytes(StandardCharsets.UTF_8)) + "01"))
                .findFirst()
                .orElseThrow();
        storage.write(tx -> tx.delete(storage.tree("id2values"), HexFormat.of().parseHex(summary))); // an older store
        modifyMembers(GROUP, List.of(user(201), user(202)), List.of(user(5)));
        assertThat(keys("id2values")).doesNotContain(summary).hasSize(201);
        Attribute members = backend.get(dn(GROUP)).get(MEMBER);
        long counted = 0;
        for (byte[] v : members.values()) {
            counted += Id2Values.encoded(v);
        }
        assertThat(members.store().encodedLength()).isEqualTo(counted);
        backend.modify(
                dn(GROUP),
                e -> { // written whole again: summarised from now on
                    e.put(
                            MEMBER,
                            members.values().stream()
                                    .map(v -> new String(v, StandardCharsets.UTF_8))
                                    .toArray(String[]::new));
                    return e;
                });
        assertConsistent();
    }

    @Test
    void removingTheLastValuesRemovesTheAttribute() throws Exception {
        open();
        addGroup(GROUP, 4);
        modifyMembers(GROUP, List.of(), List.of(user(1), user(2), user(3), user(4)));
        Entry e = backend.get(dn(GROUP));
        assertThat(e.get(MEMBER)).isNull();
        assertThat(keys("id2values")).isEmpty();
        assertThat(EntryCodec.hasApart(record(GROUP))).isFalse();
        assertConsistent();
    }

    @Test
    void replacingTheValuesDecidesAgainWhereTheyLive() throws Exception {
        open();
        addGroup(GROUP, 6);
        backend.modify(dn(GROUP), e -> {
            e.put(MEMBER, user(8), user(9));
            return e;
        });
        assertThat(EntryCodec.hasApart(record(GROUP))).isFalse();
        assertThat(keys("id2values")).isEmpty();
        assertThat(backend.get(dn(GROUP)).strings(MEMBER)).containsExactly(user(8), user(9));
        backend.modify(dn(GROUP), e -> {
            e.put(MEMBER, user(1), user(2), user(3), user(4));
            return e;
        });
        assertThat(EntryCodec.hasApart(record(GROUP))).isTrue();
        assertThat(members(GROUP)).hasSize(4);
        assertConsistent();
    }

    @Test
    void aChangeToOtherAttributesLeavesTheValuesUnread() throws Exception {
        open();
        addGroup(GROUP, 300);
        var before = backend.counters();
        backend.modify(dn(GROUP), e -> {
            e.put(SCHEMA.attributeType("description"), "big");
            return e;
        });
        var change = backend.counters().minus(before);
        assertThat(change.puts()).isEqualTo(1); // the record (description has no index)
        assertThat(change.deletes()).isZero();
        assertThat(members(GROUP)).hasSize(300);
        assertConsistent();
    }

    @Test
    void deletingTheGroupRemovesItsValuesAndIndexKeys() throws Exception {
        open();
        addGroup(GROUP, 50);
        backend.delete(dn(GROUP));
        assertThat(keys("id2values")).isEmpty();
        assertThat(search("(member=" + user(5) + ")")).isEmpty();
        assertConsistent();
    }

    @Test
    void renamingTheGroupKeepsItsValues() throws Exception {
        open();
        addGroup(GROUP, 20);
        backend.rename(dn(GROUP), dn("cn=huge,ou=groups," + SUFFIX), e -> {
            e.put(SCHEMA.attributeType("cn"), "huge");
            return e;
        });
        assertThat(members("cn=huge,ou=groups," + SUFFIX)).hasSize(20);
        backend.rename(dn("ou=groups," + SUFFIX), dn("ou=teams," + SUFFIX), e -> {
            e.put(SCHEMA.attributeType("ou"), "teams");
            return e;
        });
        assertThat(members("cn=huge,ou=teams," + SUFFIX)).hasSize(20);
        assertThat(EntryCodec.hasApart(record("cn=huge,ou=teams," + SUFFIX))).isTrue();
        assertConsistent();
    }

    @Test
    void referentialIntegrityRewritesOneValueOfAHugeGroup() throws Exception {
        open();
        addUsers(1, 5);
        addGroup(GROUP, 500);
        var before = backend.counters();
        backend.delete(dn(user(2)));
        var change = backend.counters().minus(before);
        assertThat(change.puts() + change.deletes())
                .isLessThan(40); // the user's keys, and two keys and the record of the group
        assertThat(members(GROUP)).hasSize(499).doesNotContain(dn(user(2)).normalized());

        backend.rename(dn(user(3)), dn("uid=u3x," + PEOPLE), e -> {
            e.put(SCHEMA.attributeType("uid"), "u3x");
            return e;
        });
        assertThat(members(GROUP))
                .hasSize(499)
                .contains(dn("uid=u3x," + PEOPLE).normalized())
                .doesNotContain(dn(user(3)).normalized());
        Dn renamed = dn("uid=u3x," + PEOPLE);
        assertThat(backend.<Set<Dn>>read(view -> view.groupsOf(renamed, false))).containsExactly(dn(GROUP));
        assertConsistent();
    }

    @Test
    void valuesTooLongForAKeyAreHashed() throws Exception {
        open();
        addGroup(GROUP, 5);
        String longDn = "cn=" + "x".repeat(700) + "," + PEOPLE;
        String longDn2 = "cn=" + "x".repeat(700) + "y," + PEOPLE;
        modifyMembers(GROUP, List.of(longDn, longDn2), List.of());
        Entry e = backend.get(dn(GROUP));
        assertThat(e.get(MEMBER).containsNormalized(dn(longDn).normalized(), SCHEMA))
                .isTrue();
        assertThat(e.get(MEMBER).containsNormalized(dn(longDn2).normalized(), SCHEMA))
                .isTrue();
        assertThat(members(GROUP)).hasSize(7);
        assertThat(search("(member=" + longDn2 + ")")).containsExactly(dn(GROUP).normalized());
        assertConsistent();
        modifyMembers(GROUP, List.of(), List.of(longDn));
        assertThat(members(GROUP)).hasSize(6).contains(dn(longDn2).normalized());
        assertThat(search("(member=" + longDn2 + ")")).containsExactly(dn(GROUP).normalized());
        assertConsistent();
    }

    @Test
    void anEntryReadOutsideItsTransactionStillAnswers() throws Exception {
        open();
        addGroup(GROUP, 10);
        Entry e = backend.get(dn(GROUP)); // its transaction has ended
        modifyMembers(GROUP, List.of(user(11)), List.of());
        assertThat(e.get(MEMBER).containsNormalized(dn(user(11)).normalized(), SCHEMA))
                .isTrue(); // read afresh
        assertThat(e.get(MEMBER).values()).hasSize(11);
        Entry returned = modifyMembers(GROUP, List.of(user(12)), List.of(user(1)));
        assertThat(returned.get(MEMBER).values()).hasSize(11); // what was stored, no value twice
    }

    @Test
    void recordsKeepTheirFormatAcrossARestartOnLmdb(@TempDir Path dir) throws Exception {
        open(new LmdbStorage(dir, 64L << 20), THRESHOLD);
        addUsers(1, 3);
        addGroup(GROUP, 40);
        modifyMembers(GROUP, List.of(user(41)), List.of(user(1)));
        backend.close();
        reopen(new LmdbStorage(dir, 64L << 20), THRESHOLD);
        assertThat(members(GROUP)).hasSize(40).contains(dn(user(41)).normalized());
        assertThat(search("(member=" + user(41) + ")"))
                .containsExactly(dn(GROUP).normalized());
        assertConsistent();
        backend.close();
        backend = null;
    }

    @Test
    void randomChangesLeaveEveryIndexAsTheEntriesImply() throws Exception {
        open();
        addUsers(1, 30);
        Random random = new Random(42);
        List<String> groups = List.of("cn=g1,ou=groups," + SUFFIX, "cn=g2,ou=groups," + SUFFIX, GROUP);
        Map<String, Set<String>> model = new HashMap<>();
        for (String g : groups) {
            addGroup(g, 2);
            model.put(
                    g,
                    new HashSet<>(Set.of(dn(user(1)).normalized(), dn(user(2)).normalized())));
        }
        Set<Integer> deleted = new HashSet<>();
        for (int step = 0; step < 300; step++) {
            String g = groups.get(random.nextInt(groups.size()));
            Set<String> m = model.get(g);
            int u = 1 + random.nextInt(40);
            String value = random.nextBoolean() ? user(u) : user(u).toUpperCase();
            String norm = dn(value).normalized();
            switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> {
                    if (!m.contains(norm)) {
                        modifyMembers(g, List.of(value), List.of());
                        m.add(norm);
                    }
                }
                case 4, 5, 6 -> {
                    if (m.contains(norm) && m.size() > 1) {
                        modifyMembers(g, List.of(), List.of(value));
                        m.remove(norm);
                    }
                }
                case 7 -> { // delete one, add another in one change
                    String other = dn(user(1 + random.nextInt(40))).normalized();
                    if (m.contains(norm) && !m.contains(other) && !norm.equals(other)) {
                        modifyMembers(g, List.of(other), List.of(value));
                        m.remove(norm);
                        m.add(other);
                    }
                }
                case 8 -> { // delete a user: referential integrity
                    if (u <= 30 && deleted.add(u)) {
                        backend.delete(dn(user(u)));
                        model.values().forEach(s -> s.remove(norm));
                        for (String gg : groups) {
                            if (model.get(gg).isEmpty()) { // no member left: the attribute went
                                modifyMembers(gg, List.of(user(100)), List.of());
                                model.get(gg).add(dn(user(100)).normalized());
                            }
                        }
                    }
                }
                default -> {
                    backend.modify(dn(g), e -> {
                        e.put(SCHEMA.attributeType("description"), "step");
                        return e;
                    });
                }
            }
            if (step % 25 == 0) {
                assertConsistent();
            }
            assertThat(members(g)).as("step " + step).isEqualTo(new TreeSet<>(m));
        }
        for (String g : groups) {
            assertThat(members(g)).isEqualTo(new TreeSet<>(model.get(g)));
            for (String norm : model.get(g)) {
                assertThat(search("(member=" + norm + ")")).contains(dn(g).normalized());
            }
        }
        assertConsistent();
    }

    @Test
    void onlyMultiValuedTypesWithAnEqualityRuleMayBeKeptApart() throws Exception {
        assertThatThrownBy(() -> new Backend(
                        new MemoryStorage(),
                        SCHEMA,
                        new BackendConfig(
                                List.of(dn(SUFFIX)),
                                BackendConfig.defaultIndexes(),
                                10,
                                16,
                                List.of(),
                                List.of("c"),
                                10)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
