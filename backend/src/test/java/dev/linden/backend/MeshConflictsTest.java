package dev.linden.backend;

import static dev.linden.backend.Mesh.SCHEMA;
import static dev.linden.backend.Mesh.SUFFIX;
import static dev.linden.backend.Mesh.dn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Entry;
import dev.linden.model.ldif.LdifReader;
import dev.linden.model.ldif.LdifRecord;
import dev.linden.protocol.PartialAttribute;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each conflict rule of a multi-provider mesh (docs/replication.md), on two servers that change the
 * same things before they hear from each other, then replicate both ways in either order: both end
 * with the same entries, and the rule's outcome.
 */
class MeshConflictsTest {
    private Mesh mesh;
    private Backend one;
    private Backend two;

    @BeforeEach
    void twoServersWithTheSameStart() throws Exception {
        startWith(new Mesh(2));
    }

    private void startWith(Mesh m) throws Exception {
        mesh = m;
        one = mesh.get(0);
        two = mesh.get(1);
        one.add(entry("dn: " + SUFFIX + "\nobjectClass: domain\ndc: example\n"));
        one.add(entry("dn: ou=people," + SUFFIX + "\nobjectClass: organizationalUnit\nou: people\n"));
        one.add(entry("dn: uid=ann,ou=people," + SUFFIX + "\nobjectClass: inetOrgPerson\nuid: ann\ncn: Ann\nsn: A\n"
                + "mail: ann@one\nmail: ann@two\n"));
        one.add(entry("dn: cn=staff," + SUFFIX + "\nobjectClass: groupOfNames\ncn: staff\nmember: uid=ann,ou=people,"
                + SUFFIX + "\n"));
        mesh.settle();
        assertThat(Mesh.export(two)).isEqualTo(Mesh.export(one));
    }

    static Entry entry(String ldif) throws Exception {
        LdifRecord record = LdifReader.parse(ldif).get(0);
        Entry entry = new Entry(dn(record.dn()));
        for (PartialAttribute a : record.attributes()) {
            entry.put(new Attribute(AttributeDescription.parse(a.type(), SCHEMA), a.values()));
        }
        return entry;
    }

    private static void set(Backend b, String dn, String type, String... values) throws Exception {
        b.modify(dn(dn), e -> {
            if (values.length == 0) {
                e.remove(AttributeDescription.parse(type, SCHEMA));
            } else {
                e.put(SCHEMA.attributeType(type), values);
            }
            return e;
        });
    }

    private static List<String> values(Backend b, String dn, String type) throws Exception {
        Entry e = b.get(dn(dn));
        Attribute a = e == null ? null : e.get(type, SCHEMA);
        return a == null
                ? List.of()
                : a.values().stream()
                        .map(v -> new String(v, StandardCharsets.UTF_8))
                        .sorted()
                        .toList();
    }

    /** Whether an exported entry is named {@code rdn} plus its entryUUID, under {@code parent} (normalised forms). */
    private static boolean conflictNamed(String exported, String rdn, String parent) {
        String dn = exported.substring(0, exported.indexOf(' '));
        int comma = dn.indexOf(',');
        String first = dn.substring(0, comma);
        return dn.substring(comma).equals(parent)
                && first.contains("entryuuid=")
                && List.of(first.split("\\+")).contains(rdn);
    }

    /** Replicates both ways, {@code oneFirst} deciding which way goes first, and checks both agree. */
    private void converge(boolean oneFirst) throws Exception {
        if (oneFirst) {
            mesh.pass(0, 1);
            mesh.pass(1, 0);
        } else {
            mesh.pass(1, 0);
            mesh.pass(0, 1);
        }
        mesh.settle();
        assertThat(Mesh.export(two)).isEqualTo(Mesh.export(one));
    }

    @Test
    void concurrentChangesToDifferentAttributesBothSurvive() throws Exception {
        for (boolean oneFirst : new boolean[] {true, false}) {
            twoServersWithTheSameStart();
            set(one, "uid=ann,ou=people," + SUFFIX, "telephoneNumber", "+1 555 0100");
            set(two, "uid=ann,ou=people," + SUFFIX, "title", "Engineer");
            converge(oneFirst);
            assertThat(values(one, "uid=ann,ou=people," + SUFFIX, "telephoneNumber"))
                    .containsExactly("+1 555 0100");
            assertThat(values(one, "uid=ann,ou=people," + SUFFIX, "title")).containsExactly("Engineer");
        }
    }

    @Test
    void concurrentAddsAndDeletesOfValuesOfOneAttributeAllCount() throws Exception {
        for (boolean oneFirst : new boolean[] {true, false}) {
            twoServersWithTheSameStart();
            String ann = "uid=ann,ou=people," + SUFFIX;
            one.modify(dn(ann), e -> {
                e.put(SCHEMA.attributeType("mail"), "ann@one", "ann@two", "ann@three");
                return e;
            });
            set(two, ann, "mail", "ann@two"); // deletes ann@one, keeps ann@two
            converge(oneFirst);
            assertThat(values(one, ann, "mail")).containsExactly("ann@three", "ann@two");
        }
    }

    @Test
    void theContentDigestDiffersUntilTheServersHaveConverged() throws Exception {
        var before = one.digest(dn(SUFFIX));
        assertThat(two.digest(dn(SUFFIX))).isEqualTo(before);
        assertThat(before.entries()).isEqualTo(4);
        set(one, "uid=ann,ou=people," + SUFFIX, "mail", "ann@one", "ann@three");
        assertThat(one.digest(dn(SUFFIX)).digest()).isNotEqualTo(before.digest());
        assertThat(two.digest(dn(SUFFIX))).isEqualTo(before); // kept: nothing written on two
        mesh.settle();
        assertThat(two.digest(dn(SUFFIX))).isEqualTo(one.digest(dn(SUFFIX)));
        assertThat(two.digest(dn(SUFFIX)).digest()).isNotEqualTo(before.digest());
    }

    @Test
    void aServerWhoseClockLagsAnHourStillOverridesAChangeItHasSeen() throws Exception {
        Clock now = Clock.systemUTC();
        startWith(new Mesh(now, Clock.offset(now, Duration.ofHours(-1))));
        String ann = "uid=ann,ou=people," + SUFFIX;
        set(one, ann, "displayName", "Ann One");
        mesh.pass(0, 1);
        set(two, ann, "displayName", "Ann Two"); // later in fact, an hour earlier by two's wall clock
        mesh.settle();
        assertThat(values(one, ann, "displayName")).containsExactly("Ann Two");
        assertThat(values(two, ann, "displayName")).containsExactly("Ann Two");
        assertThat(Mesh.csn(two.get(dn(ann))).sid()).isEqualTo(2);
    }

    @Test
    void theSameSingleValuedAttributeResolvesByCsn() throws Exception {
        for (boolean oneFirst : new boolean[] {true, false}) {
            twoServersWithTheSameStart();
            String ann = "uid=ann,ou=people," + SUFFIX;
            set(one, ann, "displayName", "Ann One");
            set(two, ann, "displayName", "Ann Two"); // later CSN
            converge(oneFirst);
            assertThat(values(one, ann, "displayName")).containsExactly("Ann Two");
        }
    }

    @Test
    void aReplacedAttributeDropsConcurrentOlderAdditionsButNotNewerOnes() throws Exception {
        for (boolean oneFirst : new boolean[] {true, false}) {
            twoServersWithTheSameStart();
            String ann = "uid=ann,ou=people," + SUFFIX;
            one.modify(dn(ann), e -> {
                e.put(e.get("mail", SCHEMA).withAdded(List.of("old@x".getBytes()), List.of("old@x")));
                return e;
            });
            set(two, ann, "mail", "new@y"); // replaces: none of ann@one, ann@two is left
            one.modify(dn(ann), e -> {
                e.put(e.get("mail", SCHEMA).withAdded(List.of("later@z".getBytes()), List.of("later@z")));
                return e;
            });
            converge(oneFirst);
            assertThat(values(one, ann, "mail")).containsExactly("later@z", "new@y");
        }
    }

    @Test
    void addAddOfOneDnKeepsBothTheFirstUnderTheName() throws Exception {
        for (boolean oneFirst : new boolean[] {true, false}) {
            twoServersWithTheSameStart();
            one.add(entry(
                    "dn: uid=bob,ou=people," + SUFFIX + "\nobjectClass: account\nuid: bob\ndescription: first\n"));
            two.add(entry(
                    "dn: uid=bob,ou=people," + SUFFIX + "\nobjectClass: account\nuid: bob\ndescription: second\n"));
            converge(oneFirst);
            assertThat(values(one, "uid=bob,ou=people," + SUFFIX, "description"))
                    .containsExactly("first");
            String uuid = two.get(dn("uid=bob,ou=people," + SUFFIX)) == null
                    ? null
                    : Mesh.export(two).entrySet().stream()
                            .filter(x -> x.getValue().contains("second"))
                            .findFirst()
                            .orElseThrow()
                            .getKey();
            assertThat(values(one, "uid=bob+entryUUID=" + uuid + ",ou=people," + SUFFIX, "description"))
                    .containsExactly("second");
        }
    }

    @Test
    void whenTheFirstClaimantGoesTheNextGetsTheName() throws Exception {
        twoServersWithTheSameStart();
        one.add(entry("dn: uid=bob,ou=people," + SUFFIX + "\nobjectClass: account\nuid: bob\ndescription: first\n"));
        two.add(entry("dn: uid=bob,ou=people," + SUFFIX + "\nobjectClass: account\nuid: bob\ndescription: second\n"));
        converge(true);
        one.delete(dn("uid=bob,ou=people," + SUFFIX));
        converge(false);
        assertThat(values(two, "uid=bob,ou=people," + SUFFIX, "description")).containsExactly("second");
    }

    @Test
    void deleteWinsOverAConcurrentModifyAndNothingComesBack() throws Exception {
        for (boolean oneFirst : new boolean[] {true, false}) {
            twoServersWithTheSameStart();
            String ann = "uid=ann,ou=people," + SUFFIX;
            one.delete(dn(ann));
            set(two, ann, "title", "Ghost");
            converge(oneFirst);
            assertThat(one.get(dn(ann))).isNull();
            assertThat(values(one, "cn=staff," + SUFFIX, "member")).isEmpty();
        }
    }

    @Test
    void renameAndModifyOfOneEntryBothSurvive() throws Exception {
        for (boolean oneFirst : new boolean[] {true, false}) {
            twoServersWithTheSameStart();
            one.rename(dn("uid=ann,ou=people," + SUFFIX), dn("uid=anne,ou=people," + SUFFIX), e -> {
                e.put(SCHEMA.attributeType("uid"), "anne");
                return e;
            });
            set(two, "uid=ann,ou=people," + SUFFIX, "title", "Boss");
            converge(oneFirst);
            assertThat(values(one, "uid=anne,ou=people," + SUFFIX, "title")).containsExactly("Boss");
            assertThat(values(one, "uid=anne,ou=people," + SUFFIX, "uid")).containsExactly("anne");
        }
    }

    @Test
    void twoRenamesToOneDnKeepTheFirst() throws Exception {
        for (boolean oneFirst : new boolean[] {true, false}) {
            twoServersWithTheSameStart();
            one.add(entry("dn: uid=cat,ou=people," + SUFFIX + "\nobjectClass: account\nuid: cat\n"));
            mesh.settle();
            one.rename(dn("uid=ann,ou=people," + SUFFIX), dn("uid=zed,ou=people," + SUFFIX), e -> {
                e.put(SCHEMA.attributeType("uid"), "zed");
                return e;
            });
            two.rename(dn("uid=cat,ou=people," + SUFFIX), dn("uid=zed,ou=people," + SUFFIX), e -> {
                e.put(SCHEMA.attributeType("uid"), "zed");
                return e;
            });
            converge(oneFirst);
            assertThat(values(one, "uid=zed,ou=people," + SUFFIX, "cn")).containsExactly("Ann");
            assertThat(Mesh.export(one).values()).anyMatch(v -> conflictNamed(v, "uid=zed", ",ou=people," + SUFFIX));
        }
    }

    @Test
    void aChildAddedUnderAConcurrentlyDeletedParentGoesToLostAndFound() throws Exception {
        for (boolean oneFirst : new boolean[] {true, false}) {
            twoServersWithTheSameStart();
            one.add(entry("dn: ou=temp," + SUFFIX + "\nobjectClass: organizationalUnit\nou: temp\n"));
            mesh.settle();
            one.delete(dn("ou=temp," + SUFFIX));
            two.add(entry("dn: uid=kid,ou=temp," + SUFFIX + "\nobjectClass: account\nuid: kid\n"));
            converge(oneFirst);
            assertThat(one.get(dn("ou=temp," + SUFFIX))).isNull();
            assertThat(Mesh.export(one).values())
                    .anyMatch(v -> conflictNamed(v, "uid=kid", ",cn=lost\\+found," + SUFFIX));
        }
    }

    @Test
    void movesThatMakeACycleEndTheSameEverywhere() throws Exception {
        for (boolean oneFirst : new boolean[] {true, false}) {
            twoServersWithTheSameStart();
            one.add(entry("dn: ou=a," + SUFFIX + "\nobjectClass: organizationalUnit\nou: a\n"));
            one.add(entry("dn: ou=b," + SUFFIX + "\nobjectClass: organizationalUnit\nou: b\n"));
            mesh.settle();
            one.rename(dn("ou=a," + SUFFIX), dn("ou=a,ou=b," + SUFFIX), e -> e);
            two.rename(dn("ou=b," + SUFFIX), dn("ou=b,ou=a," + SUFFIX), e -> e);
            converge(oneFirst);
            assertThat(Mesh.export(one).size()).isEqualTo(Mesh.export(two).size());
        }
    }
}
