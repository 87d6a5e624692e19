package dev.linden.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.ldif.LdifReader;
import dev.linden.model.ldif.LdifRecord;
import dev.linden.model.schema.Schema;
import dev.linden.model.sync.Csn;
import dev.linden.model.sync.CsnVector;
import dev.linden.protocol.PartialAttribute;
import dev.linden.storage.Storage;
import dev.linden.storage.lmdb.LmdbStorage;
import dev.linden.storage.memory.MemoryStorage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every change gets a CSN in its own transaction and a changelog record; retention and cookies. */
class ChangelogTest {
    private static final Schema SCHEMA = Schema.standard();
    private static final String SUFFIX = "dc=example,dc=com";

    private static Dn dn(String text) throws Exception {
        return DnSyntax.parse(text, SCHEMA);
    }

    private static Backend open(Storage storage, ChangelogSettings settings) throws Exception {
        return new Backend(
                storage,
                SCHEMA,
                new BackendConfig(
                        List.of(dn(SUFFIX)),
                        BackendConfig.defaultIndexes(),
                        100,
                        BackendConfig.DEFAULT_ENTRY_CACHE_BYTES,
                        List.of("member")),
                settings);
    }

    private static Entry entry(String ldif) throws Exception {
        LdifRecord record = LdifReader.parse(ldif).get(0);
        Entry entry = new Entry(dn(record.dn()));
        for (PartialAttribute a : record.attributes()) {
            entry.put(new Attribute(AttributeDescription.parse(a.type(), SCHEMA), a.values()));
        }
        return entry;
    }

    private static Entry person(String uid) throws Exception {
        return entry(
                "dn: uid=%s,%s\nobjectClass: inetOrgPerson\nuid: %s\ncn: %s\nsn: S\n".formatted(uid, SUFFIX, uid, uid));
    }

    private static String value(Entry e, String type) {
        return new String(e.get(type, SCHEMA).values().get(0), StandardCharsets.UTF_8);
    }

    private static byte[] uuid(Entry e) {
        UUID u = UUID.fromString(value(e, "entryUUID"));
        return ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits())
                .array();
    }

    @Test
    void everyKindOfChangeIsRecordedInCommitOrderWithTheCsnOnTheEntry() throws Exception {
        Backend b = open(new MemoryStorage(), new ChangelogSettings(7, 1000, 3600));
        b.add(entry("dn: dc=example,dc=com\nobjectClass: domain\ndc: example\n"));
        b.add(person("alice"));
        b.add(entry(
                "dn: cn=g,dc=example,dc=com\nobjectClass: groupOfNames\ncn: g\nmember: uid=alice,dc=example,dc=com\n"));
        b.modify(dn("uid=alice," + SUFFIX), e -> {
            e.put(SCHEMA.attributeType("description"), "x");
            return e;
        });
        b.rename(dn("uid=alice," + SUFFIX), dn("uid=alicia," + SUFFIX), e -> e);
        Entry alicia = b.get(dn("uid=alicia," + SUFFIX));
        Entry group = b.get(dn("cn=g," + SUFFIX));
        b.delete(dn("uid=alicia," + SUFFIX));

        List<ChangeRecord> log = b.changesAfter(0, 100);
        assertThat(log)
                .extracting(ChangeRecord::kind)
                .containsExactly(
                        ChangeKind.ADD,
                        ChangeKind.ADD,
                        ChangeKind.ADD,
                        ChangeKind.MODIFY,
                        ChangeKind.RENAME,
                        ChangeKind.MODIFY /* referential integrity: g's member */,
                        ChangeKind.DELETE,
                        ChangeKind.MODIFY /* g loses its member */);
        assertThat(log).extracting(ChangeRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        for (int i = 1; i < log.size(); i++) {
            assertThat(log.get(i).csn()).isGreaterThan(log.get(i - 1).csn());
            assertThat(log.get(i).csn().sid()).isEqualTo(7);
        }
        ChangeRecord rename = log.get(4);
        assertThat(rename.dn()).isEqualTo("uid=alicia," + SUFFIX);
        assertThat(rename.previousDn()).isEqualTo("uid=alice," + SUFFIX);
        assertThat(rename.uuid()).isEqualTo(uuid(alicia));
        assertThat(value(alicia, "entryCSN")).isEqualTo(rename.csn().toString());
        assertThat(value(group, "entryCSN")).isEqualTo(log.get(5).csn().toString());
        assertThat(log.get(3).attributes()).contains("description", "entrycsn").doesNotContain("uid", "cn");
        assertThat(log.get(6).uuid()).isEqualTo(uuid(alicia)); // the tombstone
        assertThat(b.contextCsn()).isEqualTo(CsnVector.of(log.getLast().csn()));
    }

    @Test
    void aCookieIsBroughtUpToDateFromTheRecordsItHasNotSeen() throws Exception {
        Backend b = open(new MemoryStorage(), new ChangelogSettings(2, 1000, 3600));
        b.add(entry("dn: dc=example,dc=com\nobjectClass: domain\ndc: example\n"));
        b.add(person("a"));
        CsnVector seen = b.contextCsn();
        b.add(person("b"));
        b.delete(dn("uid=a," + SUFFIX));
        ChangelogState state = b.changelogState(seen);
        assertThat(state.covers()).isTrue();
        assertThat(state.unseenAfter()).isEqualTo(2);
        assertThat(b.changesAfter(state.unseenAfter(), 10))
                .extracting(ChangeRecord::kind)
                .containsExactly(ChangeKind.ADD, ChangeKind.DELETE);
        assertThat(b.changelogState(b.contextCsn()).unseenAfter()).isEqualTo(4); // nothing unseen
        assertThat(b.changelogState(CsnVector.EMPTY).unseenAfter()).isZero(); // everything
    }

    @Test
    void retentionDropsTheOldestAndMovesTheHorizon() throws Exception {
        Backend b = open(new MemoryStorage(), new ChangelogSettings(1, 5, 3600));
        b.add(entry("dn: dc=example,dc=com\nobjectClass: domain\ndc: example\n"));
        CsnVector early = b.contextCsn();
        for (int i = 0; i < 20; i++) {
            b.add(person("u" + i));
        }
        List<ChangeRecord> kept = b.changesAfter(0, 100);
        assertThat(kept).hasSize(5);
        assertThat(kept.getFirst().seq()).isEqualTo(17);
        assertThat(b.changelogState(early).covers())
                .as("the records after it are gone")
                .isFalse();
        CsnVector recent = CsnVector.of(kept.getFirst().csn());
        assertThat(b.changelogState(recent).covers()).isTrue();
    }

    @Test
    void anImportKeepsItsCsnsWritesNoRecordsAndMovesTheHorizon() throws Exception {
        Backend b = open(new MemoryStorage(), ChangelogSettings.DEFAULT);
        Entry top = entry("dn: dc=example,dc=com\nobjectClass: domain\ndc: example\n"
                + "entryCSN: 20240101000000.000000Z#000000#005#000000\n"
                + "entryUUID: 1f0c6a4e-2a36-4c0e-9d53-1b9a8f5c2b11\n");
        b.addAll(List.of(top, person("x")));
        assertThat(b.changesAfter(0, 10)).isEmpty();
        assertThat(value(b.get(dn(SUFFIX)), "entryCSN")).isEqualTo("20240101000000.000000Z#000000#005#000000");
        CsnVector context = b.contextCsn();
        assertThat(context.get(5)).isPresent();
        assertThat(context.get(1)).as("x got a CSN of this server").isPresent();
        assertThat(b.changelogState(CsnVector.EMPTY).covers()).isFalse();
        assertThat(b.changelogState(context).covers()).isTrue();
    }

    @Test
    void anImportBatchMovesTheContextPastItsNewestCsnOfEachServerWhateverTheirOrder() throws Exception {
        Backend b = open(new MemoryStorage(), ChangelogSettings.DEFAULT);
        Csn newer = Csn.parse("20240102000000.000000Z#000000#005#000000");
        Csn older = Csn.parse("20240101000000.000000Z#000000#005#000000");
        Csn other = Csn.parse("20230101000000.000000Z#000000#009#000000");
        b.addAll(List.of(
                entry("dn: dc=example,dc=com\nobjectClass: domain\ndc: example\nentryCSN: " + newer + "\n"),
                entry("dn: uid=a," + SUFFIX + "\nobjectClass: inetOrgPerson\nuid: a\ncn: a\nsn: S\nentryCSN: " + older
                        + "\n"),
                entry("dn: uid=b," + SUFFIX + "\nobjectClass: inetOrgPerson\nuid: b\ncn: b\nsn: S\nentryCSN: " + other
                        + "\n")));
        assertThat(b.contextCsn()).isEqualTo(CsnVector.of(newer, other));
        assertThat(b.changelogState(CsnVector.EMPTY).known()).isEqualTo(CsnVector.of(newer, other));
        assertThat(b.changelogState(CsnVector.of(older, other)).covers())
                .as("the horizon moved past the newest: an older cookie is refreshed in full")
                .isFalse();
        assertThat(b.changelogState(CsnVector.of(newer, other)).covers()).isTrue();
    }

    @Test
    void whatIsKnownHeldIsOwnChangesImportsAndWhatWasLearnedNotTheNewestCsnReceived() throws Exception {
        Backend b = open(new MemoryStorage(), ChangelogSettings.DEFAULT);
        b.addAll(List.of(entry("dn: dc=example,dc=com\nobjectClass: domain\ndc: example\n"
                + "entryCSN: 20240101000000.000000Z#000000#005#000000\n"
                + "entryUUID: 1f0c6a4e-2a36-4c0e-9d53-1b9a8f5c2b11\n")));
        b.add(person("own"));
        Csn own = b.contextCsn().get(b.serverId()).orElseThrow();
        Csn imported = Csn.parse("20240101000000.000000Z#000000#005#000000");
        assertThat(b.changelogState(CsnVector.EMPTY).known()).isEqualTo(CsnVector.of(imported, own));

        Csn early = Csn.parse("20250101000000.000000Z#000000#007#000000");
        Csn late = Csn.parse("20250102000000.000000Z#000000#007#000000");
        b.applyReplicated(
                List.of(new ReplicaChange.Upsert(entry("dn: uid=far,dc=example,dc=com\nobjectClass: inetOrgPerson\n"
                        + "uid: far\ncn: far\nsn: S\nentryCSN: " + late + "\n"
                        + "entryUUID: 2f0c6a4e-2a36-4c0e-9d53-1b9a8f5c2b12\n"))),
                null,
                null);
        assertThat(b.contextCsn().get(7)).contains(late);
        assertThat(b.changelogState(CsnVector.EMPTY).known().get(7))
                .as("a change of server 7 received alone says nothing of its earlier ones")
                .isEmpty();

        b.applyReplicated(List.of(), "source", "rid=001,csn=x".getBytes(StandardCharsets.US_ASCII), CsnVector.of(late));
        b.applyReplicated(
                List.of(), "source", "rid=001,csn=y".getBytes(StandardCharsets.US_ASCII), CsnVector.of(early));
        assertThat(b.changelogState(CsnVector.EMPTY).known()).isEqualTo(CsnVector.of(imported, own, late));
    }

    @Test
    void afterARestartNoCsnIsIssuedBelowOneTheStoreHolds(@TempDir Path dir) throws Exception {
        Csn last;
        try (Backend b = open(new LmdbStorage(dir, 64L << 20), ChangelogSettings.DEFAULT)) {
            Entry top = entry("dn: dc=example,dc=com\nobjectClass: domain\ndc: example\n"
                    + "entryCSN: 29990101000000.000000Z#000000#001#000000\n"); // a store from a clock far ahead
            b.addAll(List.of(top));
            last = b.contextCsn().get(1).orElseThrow();
        }
        try (Backend b = open(new LmdbStorage(dir, 64L << 20), ChangelogSettings.DEFAULT)) {
            b.add(person("y"));
            Csn issued = Csn.parse(value(b.get(dn("uid=y," + SUFFIX)), "entryCSN"));
            assertThat(issued).isGreaterThan(last);
            assertThat(b.changesAfter(0, 10)).extracting(ChangeRecord::csn).containsExactly(issued);
        }
    }
}
