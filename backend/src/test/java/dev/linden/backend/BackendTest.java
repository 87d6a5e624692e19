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
import dev.linden.model.ldif.LdifReader;
import dev.linden.model.ldif.LdifRecord;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.filter.FilterText;
import dev.linden.storage.lmdb.LmdbStorage;
import dev.linden.storage.memory.MemoryStorage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory tree over the in-memory storage: adds, deletes, modifies, renames and searches with indexes. */
class BackendTest {
    private static final Schema SCHEMA = Schema.standard();
    private static final int UNINDEXED_LIMIT = 50;
    private static final String SUFFIX = "dc=example,dc=com";

    private Backend backend;

    private static Dn dn(String text) throws LdapException {
        return DnSyntax.parse(text, SCHEMA);
    }

    private static BackendConfig config() throws LdapException {
        return new BackendConfig(List.of(dn(SUFFIX)), BackendConfig.defaultIndexes(), UNINDEXED_LIMIT);
    }

    /** An entry from LDIF lines. */
    private static Entry entry(String ldif) throws Exception {
        LdifRecord record = LdifReader.parse(ldif).get(0);
        Entry entry = new Entry(dn(record.dn()));
        for (PartialAttribute a : record.attributes()) {
            entry.put(new Attribute(AttributeDescription.parse(a.type(), SCHEMA), a.values()));
        }
        return entry;
    }

    private static Entry person(String uid, String cn, String sn, String parent) throws Exception {
        return entry("""
                dn: uid=%s,%s
                objectClass: inetOrgPerson
                uid: %s
                cn: %s
                sn: %s
                mail: %s@example.com
                """.formatted(uid, parent, uid, cn, sn, uid));
    }

    private static Entry unit(String ou, String parent) throws Exception {
        return entry("dn: ou=%s,%s\nobjectClass: organizationalUnit\nou: %s\n".formatted(ou, parent, ou));
    }

    @BeforeEach
    void tree() throws Exception {
        backend = new Backend(new MemoryStorage(), SCHEMA, config());
        backend.add(entry("dn: dc=example,dc=com\nobjectClass: domain\ndc: example\n"));
        backend.add(unit("People", SUFFIX));
        backend.add(unit("Groups", SUFFIX));
        backend.add(person("alice", "Alice Andersen", "Andersen", "ou=People," + SUFFIX));
        backend.add(person("bob", "Bob Brown", "Brown", "ou=People," + SUFFIX));
        backend.add(person("carol", "Carol Carlsen", "Carlsen", "ou=People," + SUFFIX));
    }

    @AfterEach
    void close() {
        backend.close();
    }

    /** What a search hands to its scan: the DNs of the candidates, in order. */
    private List<String> candidates(String base, SearchScope scope, String filter) throws Exception {
        return candidates(base, scope, filter, false);
    }

    private List<String> candidates(String base, SearchScope scope, String filter, boolean unchecked) throws Exception {
        List<String> seen = new ArrayList<>();
        backend.search(
                SearchSpec.of(
                        dn(base),
                        scope,
                        FilterText.parse(filter),
                        unchecked ? 0 : backend.config().unindexedLimit()),
                (id, entry, stored, view) -> {
                    seen.add(entry.dn().normalized());
                    return true;
                });
        return seen;
    }

    /** The search result: candidates that match the filter, as normalised DNs. */
    private List<String> search(String base, SearchScope scope, String filter) throws Exception {
        Filter f = FilterText.parse(filter);
        FilterEvaluator evaluator = new FilterEvaluator(SCHEMA);
        List<String> found = new ArrayList<>();
        backend.search(
                SearchSpec.of(dn(base), scope, f, backend.config().unindexedLimit()), (id, entry, stored, view) -> {
                    if (evaluator.matches(f, entry)) {
                        found.add(entry.dn().normalized());
                    }
                    return true;
                });
        return found;
    }

    private static void assertCode(ThrowingRunnable op, ResultCode code) {
        assertThatThrownBy(op::run)
                .isInstanceOfSatisfying(
                        LdapException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    // ---- add, get, delete ----

    @Test
    void addThenGet() throws Exception {
        Entry alice = backend.get(dn("UID=Alice,OU=people,DC=Example,DC=com"));

        assertThat(alice).isNotNull();
        assertThat(alice.dn().toString()).isEqualTo("uid=alice,ou=People,dc=example,dc=com");
        assertThat(alice.strings(SCHEMA.attributeType("cn"))).containsExactly("Alice Andersen");
        assertThat(alice.strings(SCHEMA.attributeType("objectClass"))).containsExactly("inetOrgPerson");
        assertThat(backend.get(dn("uid=nobody,ou=People," + SUFFIX))).isNull();
        assertThat(backend.hasChildren(dn("ou=People," + SUFFIX))).isTrue();
        assertThat(backend.hasChildren(dn("ou=Groups," + SUFFIX))).isFalse();
        assertThat(backend.hasChildren(dn("uid=alice,ou=People," + SUFFIX))).isFalse();
        assertThat(backend.suffixOf(dn("uid=x,ou=People," + SUFFIX))).isEqualTo(dn(SUFFIX));
        assertThat(backend.suffixOf(dn("dc=example,dc=org"))).isNull();
        assertThat(backend.indexedAttributes()).contains("uid", "cn", "objectclass", "mail");
    }

    @Test
    void addWithMissingParentGivesTheClosestExistingAncestor() throws Exception {
        assertThatThrownBy(() -> backend.add(person("x", "X", "X", "ou=Missing," + SUFFIX)))
                .isInstanceOfSatisfying(LdapException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
                    assertThat(e.matchedDn()).isEqualTo("dc=example,dc=com");
                });
        assertThatThrownBy(() -> backend.add(person("x", "X", "X", "ou=Deeper,ou=Missing,ou=People," + SUFFIX)))
                .isInstanceOfSatisfying(LdapException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
                    assertThat(e.matchedDn()).isEqualTo("ou=People,dc=example,dc=com");
                });
        // outside every suffix nothing matches
        assertThatThrownBy(() -> backend.add(unit("x", "dc=example,dc=org")))
                .isInstanceOfSatisfying(LdapException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
                    assertThat(e.matchedDn()).isEmpty();
                });
        assertThat(backend.matched(dn("uid=x,ou=Missing," + SUFFIX))).isEqualTo(dn(SUFFIX));
    }

    @Test
    void duplicateAddIsRefused() throws Exception {
        assertCode(
                () -> backend.add(person("alice", "Other", "Other", "ou=People," + SUFFIX)),
                ResultCode.ENTRY_ALREADY_EXISTS);
        assertCode(
                () -> backend.add(person("ALICE", "Other", "Other", "OU=PEOPLE," + SUFFIX)),
                ResultCode.ENTRY_ALREADY_EXISTS);
        // the original is untouched
        assertThat(backend.get(dn("uid=alice,ou=People," + SUFFIX)).strings(SCHEMA.attributeType("cn")))
                .containsExactly("Alice Andersen");
        assertThat(search(SUFFIX, SearchScope.SUB, "(cn=Other)")).isEmpty();
    }

    @Test
    void addAllIsAllOrNothing() throws Exception {
        List<Entry> batch = List.of(
                unit("Batch", SUFFIX),
                person("dave", "Dave", "D", "ou=Batch," + SUFFIX),
                person("erin", "Erin", "E", "ou=NoSuchUnit," + SUFFIX));

        assertCode(() -> backend.addAll(batch), ResultCode.NO_SUCH_OBJECT);
        assertThat(backend.get(dn("ou=Batch," + SUFFIX))).isNull();
        assertThat(backend.get(dn("uid=dave,ou=Batch," + SUFFIX))).isNull();
        assertThat(search(SUFFIX, SearchScope.SUB, "(uid=dave)")).isEmpty();

        backend.addAll(batch.subList(0, 2));
        assertThat(search(SUFFIX, SearchScope.SUB, "(uid=dave)"))
                .containsExactly("uid=dave,ou=batch,dc=example,dc=com");
    }

    @Test
    void deleteLeavesOnly() throws Exception {
        assertCode(() -> backend.delete(dn("ou=People," + SUFFIX)), ResultCode.NOT_ALLOWED_ON_NON_LEAF);
        assertThat(backend.get(dn("ou=People," + SUFFIX))).isNotNull();

        backend.delete(dn("uid=alice,ou=People," + SUFFIX));
        assertThat(backend.get(dn("uid=alice,ou=People," + SUFFIX))).isNull();
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(uid=alice)")).isEmpty();
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(cn=*ander*)")).isEmpty();
        assertThat(candidates("ou=People," + SUFFIX, SearchScope.ONE, "(objectClass=*)"))
                .containsExactlyInAnyOrder(
                        "uid=bob,ou=people,dc=example,dc=com", "uid=carol,ou=people,dc=example,dc=com");

        backend.delete(dn("uid=bob,ou=People," + SUFFIX));
        backend.delete(dn("uid=carol,ou=People," + SUFFIX));
        assertThat(backend.hasChildren(dn("ou=People," + SUFFIX))).isFalse();
        backend.delete(dn("ou=People," + SUFFIX));
        assertThat(backend.get(dn("ou=People," + SUFFIX))).isNull();

        assertThatThrownBy(() -> backend.delete(dn("uid=x,ou=People," + SUFFIX)))
                .isInstanceOfSatisfying(LdapException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
                    assertThat(e.matchedDn()).isEqualTo("dc=example,dc=com");
                });
        // the same DN can be added again, and gets found through the indexes
        backend.add(unit("People", SUFFIX));
        backend.add(person("alice", "Alice Again", "Again", "ou=People," + SUFFIX));
        assertThat(search(SUFFIX, SearchScope.SUB, "(cn=Alice Again)"))
                .containsExactly("uid=alice,ou=people,dc=example,dc=com");
        assertThat(search(SUFFIX, SearchScope.SUB, "(cn=Alice Andersen)")).isEmpty();
    }

    @Test
    void tooLongADnIsRefused() throws Exception {
        String longCn = "x".repeat(600);
        assertCode(
                () -> backend.add(entry(
                        "dn: cn=%s,ou=Groups,%s\nobjectClass: device\ncn: %s\n".formatted(longCn, SUFFIX, longCn))),
                ResultCode.UNWILLING_TO_PERFORM);
    }

    // ---- modify ----

    @Test
    void modifyUpdatesTheEntryAndItsIndexes() throws Exception {
        Dn alice = dn("uid=alice,ou=People," + SUFFIX);
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(mail=alice@example.com)"))
                .hasSize(1);

        Entry stored = backend.modify(alice, e -> {
            e.put(SCHEMA.attributeType("mail"), "alice.andersen@example.org");
            e.put(SCHEMA.attributeType("cn"), "Alice Andersen", "Ally");
            return e;
        });

        assertThat(stored.strings(SCHEMA.attributeType("mail"))).containsExactly("alice.andersen@example.org");
        assertThat(backend.get(alice).strings(SCHEMA.attributeType("mail")))
                .containsExactly("alice.andersen@example.org");
        // the old value is gone from the index: no candidate at all
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(mail=alice@example.com)"))
                .isEmpty();
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(mail=*@example.com)"))
                .doesNotContain("uid=alice,ou=people,dc=example,dc=com");
        // the new ones are in it
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(mail=ALICE.ANDERSEN@example.org)"))
                .containsExactly("uid=alice,ou=people,dc=example,dc=com");
        assertThat(search(SUFFIX, SearchScope.SUB, "(mail=*@example.org)"))
                .containsExactly("uid=alice,ou=people,dc=example,dc=com");
        assertThat(search(SUFFIX, SearchScope.SUB, "(cn=ally)"))
                .containsExactly("uid=alice,ou=people,dc=example,dc=com");
        // an unchanged value stays indexed
        assertThat(search(SUFFIX, SearchScope.SUB, "(cn=Alice Andersen)"))
                .containsExactly("uid=alice,ou=people,dc=example,dc=com");

        backend.modify(alice, e -> {
            e.remove(AttributeDescription.parse("mail", SCHEMA));
            return e;
        });
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(mail=alice.andersen@example.org)"))
                .isEmpty();

        // a change no index covers leaves every index as it was (their keys are not even computed)
        backend.modify(alice, e -> {
            e.put(SCHEMA.attributeType("description"), "unindexed");
            return e;
        });
        assertThat(search(SUFFIX, SearchScope.SUB, "(cn=ally)"))
                .containsExactly("uid=alice,ou=people,dc=example,dc=com");
        assertThat(search(SUFFIX, SearchScope.SUB, "(uid=alice)"))
                .containsExactly("uid=alice,ou=people,dc=example,dc=com");
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(mail=alice.andersen@example.org)"))
                .isEmpty();
    }

    @Test
    void aFailedModifyChangesNothing() throws Exception {
        Dn alice = dn("uid=alice,ou=People," + SUFFIX);
        assertCode(
                () -> backend.modify(alice, e -> {
                    e.put(SCHEMA.attributeType("mail"), "changed@example.com");
                    throw new LdapException(ResultCode.CONSTRAINT_VIOLATION, "no");
                }),
                ResultCode.CONSTRAINT_VIOLATION);
        assertCode(() -> backend.modify(dn("uid=nobody,ou=People," + SUFFIX), e -> e), ResultCode.NO_SUCH_OBJECT);

        assertThat(backend.get(alice).strings(SCHEMA.attributeType("mail"))).containsExactly("alice@example.com");
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(mail=changed@example.com)"))
                .isEmpty();
    }

    // ---- rename ----

    @Test
    void renamingASubtreeMovesItsChildren() throws Exception {
        backend.add(entry("dn: cn=Phone,uid=alice,ou=People,%s\nobjectClass: device\ncn: Phone\n".formatted(SUFFIX)));
        Dn people = dn("ou=People," + SUFFIX);
        Dn staff = dn("ou=Staff," + SUFFIX);

        backend.rename(people, staff, e -> {
            e.put(SCHEMA.attributeType("ou"), "Staff");
            return e;
        });

        assertThat(backend.get(people)).isNull();
        assertThat(backend.get(dn("uid=alice,ou=People," + SUFFIX))).isNull();
        Entry renamed = backend.get(staff);
        assertThat(renamed.dn().toString()).isEqualTo("ou=Staff,dc=example,dc=com");
        assertThat(renamed.strings(SCHEMA.attributeType("ou"))).containsExactly("Staff");
        Entry alice = backend.get(dn("uid=alice,ou=Staff," + SUFFIX));
        assertThat(alice.dn().toString()).isEqualTo("uid=alice,ou=Staff,dc=example,dc=com");
        assertThat(backend.get(dn("cn=Phone,uid=alice,ou=Staff," + SUFFIX)).dn().toString())
                .isEqualTo("cn=Phone,uid=alice,ou=Staff,dc=example,dc=com");

        assertThat(candidates("ou=Staff," + SUFFIX, SearchScope.SUB, "(objectClass=*)"))
                .containsExactlyInAnyOrder(
                        "ou=staff,dc=example,dc=com",
                        "uid=alice,ou=staff,dc=example,dc=com",
                        "uid=bob,ou=staff,dc=example,dc=com",
                        "uid=carol,ou=staff,dc=example,dc=com",
                        "cn=phone,uid=alice,ou=staff,dc=example,dc=com");
        assertThat(candidates("ou=Staff," + SUFFIX, SearchScope.ONE, "(objectClass=*)"))
                .hasSize(3);
        // the indexes find the moved entries under their new DNs
        assertThat(search(SUFFIX, SearchScope.SUB, "(uid=alice)"))
                .containsExactly("uid=alice,ou=staff,dc=example,dc=com");
        assertThat(search(SUFFIX, SearchScope.SUB, "(ou=Staff)")).containsExactly("ou=staff,dc=example,dc=com");
        assertThat(search(SUFFIX, SearchScope.SUB, "(ou=People)")).isEmpty();
        assertCode(
                () -> candidates("ou=People," + SUFFIX, SearchScope.SUB, "(objectClass=*)"), ResultCode.NO_SUCH_OBJECT);
        assertThat(backend.hasChildren(staff)).isTrue();
    }

    @Test
    void movingASubtreeToANewParent() throws Exception {
        Dn people = dn("ou=People," + SUFFIX);
        Dn moved = dn("ou=People,ou=Groups," + SUFFIX);

        backend.rename(people, moved, e -> e);

        assertThat(candidates(SUFFIX, SearchScope.ONE, "(objectClass=*)"))
                .containsExactly("ou=groups,dc=example,dc=com");
        assertThat(candidates("ou=Groups," + SUFFIX, SearchScope.ONE, "(objectClass=*)"))
                .containsExactly("ou=people,ou=groups,dc=example,dc=com");
        assertThat(backend.hasChildren(dn("ou=Groups," + SUFFIX))).isTrue();
        assertThat(candidates("ou=People,ou=Groups," + SUFFIX, SearchScope.ONE, "(objectClass=*)"))
                .hasSize(3);
        assertThat(backend.get(dn("uid=bob,ou=People,ou=Groups," + SUFFIX))).isNotNull();
        // and the old parent can now be deleted as a leaf once emptied of it
        backend.rename(moved, people, e -> e);
        assertThat(backend.hasChildren(dn("ou=Groups," + SUFFIX))).isFalse();
        backend.delete(dn("ou=Groups," + SUFFIX));
    }

    @Test
    void renameErrors() throws Exception {
        Dn people = dn("ou=People," + SUFFIX);

        assertCode(() -> backend.rename(people, dn("ou=Groups," + SUFFIX), e -> e), ResultCode.ENTRY_ALREADY_EXISTS);
        assertCode(
                () -> backend.rename(people, dn("ou=Sub,uid=alice,ou=People," + SUFFIX), e -> e),
                ResultCode.UNWILLING_TO_PERFORM);
        assertCode(
                () -> backend.rename(people, dn("ou=People,ou=Missing," + SUFFIX), e -> e), ResultCode.NO_SUCH_OBJECT);
        assertCode(
                () -> backend.rename(dn("ou=Missing," + SUFFIX), dn("ou=Other," + SUFFIX), e -> e),
                ResultCode.NO_SUCH_OBJECT);
        // nothing moved
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(objectClass=*)")).hasSize(6);
        assertThat(backend.get(dn("uid=alice,ou=People," + SUFFIX))).isNotNull();
    }

    @Test
    void renameToTheSameDnWithOtherCase() throws Exception {
        backend.rename(dn("ou=People," + SUFFIX), dn("ou=PEOPLE," + SUFFIX), e -> {
            e.put(SCHEMA.attributeType("ou"), "PEOPLE");
            return e;
        });
        assertThat(backend.get(dn("ou=people," + SUFFIX)).dn().toString()).isEqualTo("ou=PEOPLE,dc=example,dc=com");
        assertThat(backend.get(dn("uid=alice,ou=people," + SUFFIX)).dn().toString())
                .isEqualTo("uid=alice,ou=PEOPLE,dc=example,dc=com");
        assertThat(candidates("ou=People," + SUFFIX, SearchScope.ONE, "(objectClass=*)"))
                .hasSize(3);
    }

    // ---- search ----

    @Test
    void searchScopes() throws Exception {
        String people = "ou=People," + SUFFIX;
        List<String> children = List.of(
                "uid=alice,ou=people,dc=example,dc=com",
                "uid=bob,ou=people,dc=example,dc=com",
                "uid=carol,ou=people,dc=example,dc=com");

        assertThat(candidates(people, SearchScope.BASE, "(objectClass=*)"))
                .containsExactly("ou=people,dc=example,dc=com");
        assertThat(candidates(people, SearchScope.ONE, "(objectClass=*)"))
                .containsExactlyInAnyOrderElementsOf(children);
        List<String> sub = new ArrayList<>(children);
        sub.add("ou=people,dc=example,dc=com");
        assertThat(candidates(people, SearchScope.SUB, "(objectClass=*)")).containsExactlyInAnyOrderElementsOf(sub);
        assertThat(candidates(people, SearchScope.SUBORDINATES, "(objectClass=*)"))
                .containsExactlyInAnyOrderElementsOf(children);
        // a leaf has nothing below it
        assertThat(candidates("uid=bob," + people, SearchScope.ONE, "(objectClass=*)"))
                .isEmpty();
        assertThat(candidates("uid=bob," + people, SearchScope.SUBORDINATES, "(objectClass=*)"))
                .isEmpty();
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(objectClass=*)")).hasSize(6);
        assertThat(candidates(SUFFIX, SearchScope.ONE, "(objectClass=*)"))
                .containsExactlyInAnyOrder("ou=people,dc=example,dc=com", "ou=groups,dc=example,dc=com");
    }

    @Test
    void scopesHoldWithIndexedFilters() throws Exception {
        String people = "ou=People," + SUFFIX;

        assertThat(search(people, SearchScope.SUB, "(objectClass=organizationalUnit)"))
                .containsExactly("ou=people,dc=example,dc=com");
        assertThat(search(people, SearchScope.SUBORDINATES, "(objectClass=organizationalUnit)"))
                .isEmpty();
        assertThat(candidates(people, SearchScope.SUBORDINATES, "(objectClass=organizationalUnit)"))
                .isEmpty();
        assertThat(search("ou=Groups," + SUFFIX, SearchScope.SUB, "(uid=alice)"))
                .isEmpty();
        assertThat(candidates("ou=Groups," + SUFFIX, SearchScope.SUB, "(uid=alice)"))
                .isEmpty();
        assertThat(search(people, SearchScope.SUB, "(objectClass=inetOrgPerson)"))
                .hasSize(3);
        // base scope hands over the base entry whatever the filter; the scan decides
        assertThat(candidates("uid=bob," + people, SearchScope.BASE, "(uid=alice)"))
                .containsExactly("uid=bob,ou=people,dc=example,dc=com");
        assertThat(search("uid=bob," + people, SearchScope.BASE, "(uid=alice)")).isEmpty();
    }

    @Test
    void searchingAMissingBaseGivesMatchedDn() {
        assertThatThrownBy(() -> candidates("uid=x,ou=Nowhere," + SUFFIX, SearchScope.SUB, "(objectClass=*)"))
                .isInstanceOfSatisfying(LdapException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
                    assertThat(e.matchedDn()).isEqualTo("dc=example,dc=com");
                });
    }

    @Test
    void theScanCanStopTheSearch() throws Exception {
        List<String> seen = new ArrayList<>();
        backend.search(
                SearchSpec.of(
                        dn(SUFFIX),
                        SearchScope.SUB,
                        FilterText.parse("(objectClass=*)"),
                        backend.config().unindexedLimit()),
                (id, e, s, v) -> {
                    seen.add(e.dn().normalized());
                    return seen.size() < 2;
                });
        assertThat(seen).hasSize(2);
    }

    @Test
    void theViewCountsChildren() throws Exception {
        List<Integer> counts = new ArrayList<>();
        backend.search(
                SearchSpec.of(
                        dn(SUFFIX),
                        SearchScope.ONE,
                        FilterText.parse("(objectClass=*)"),
                        backend.config().unindexedLimit()),
                (id, e, s, view) -> {
                    counts.add(view.countChildren(id) * 10 + (view.hasChildren(id) ? 1 : 0));
                    return true;
                });
        assertThat(counts).containsExactlyInAnyOrder(31, 0); // People: 3 children; Groups: none
    }

    /** Adds ou=Many and 200 people under it, one of them another alice: 207 entries in all. */
    private void addMany() throws Exception {
        backend.add(unit("Many", SUFFIX));
        List<Entry> batch = new ArrayList<>();
        for (int i = 0; i < 199; i++) {
            batch.add(person("user" + i, "User Number" + i, "Surname" + (i % 10), "ou=Many," + SUFFIX));
        }
        batch.add(100, person("alice", "Alice Anderberg", "Anderberg", "ou=Many," + SUFFIX));
        backend.addAll(batch);
    }

    @Test
    void anIndexedEqualitySearchExaminesOnlyTheMatches() throws Exception {
        addMany();

        assertThat(candidates("ou=Many," + SUFFIX, SearchScope.SUB, "(uid=alice)"))
                .containsExactly("uid=alice,ou=many,dc=example,dc=com");
        assertThat(candidates("ou=Many," + SUFFIX, SearchScope.SUB, "(uid=user150)"))
                .hasSize(1);
        // from the suffix, the other alice is a candidate too
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(uid=alice)")).hasSize(2);
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(uid=nobody)")).isEmpty();
        // an AND with one indexed part narrows to it; an OR of indexed parts unites them
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(&(uid=user7)(description=anything))"))
                .hasSize(1);
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(&(objectClass=inetOrgPerson)(sn=surname3))"))
                .hasSize(20);
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(|(uid=user1)(uid=user2)(mail=user3@example.com))"))
                .hasSize(3);
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(|)")).isEmpty();
        // an assertion value the rule refuses matches nothing, without a scan
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(objectClass=not an oid)"))
                .isEmpty();
    }

    @Test
    void aSubstringSearchUsesTheSubstringIndex() throws Exception {
        addMany();

        // 200 entries and a limit of 50: a scan would be refused, so these went through the index
        assertThat(search(SUFFIX, SearchScope.SUB, "(cn=*ander*)"))
                .containsExactlyInAnyOrder(
                        "uid=alice,ou=people,dc=example,dc=com", "uid=alice,ou=many,dc=example,dc=com");
        assertThat(search(SUFFIX, SearchScope.SUB, "(cn=Alice*)")).hasSize(2);
        assertThat(search(SUFFIX, SearchScope.SUB, "(sn=*berg)"))
                .containsExactly("uid=alice,ou=many,dc=example,dc=com");
        assertThat(search(SUFFIX, SearchScope.SUB, "(cn=user number1*)")).hasSize(110); // 1, 10-19, 100-198
        assertThat(search(SUFFIX, SearchScope.SUB, "(cn=*number19*)")).hasSize(10); // 19, 190-198
        assertThat(search(SUFFIX, SearchScope.SUB, "(mail=user42@*)"))
                .containsExactly("uid=user42,ou=many,dc=example,dc=com");
        assertThat(search(SUFFIX, SearchScope.SUB, "(cn=*zzz*)")).isEmpty();
        // candidates narrow: a few false positives at most, never the whole tree
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(cn=*ander*)")).hasSizeLessThan(10);
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(cn=*zzz*)")).isEmpty();
    }

    @Test
    void anUnindexedSearchOverTheLimitIsRefusedUnlessUnchecked() throws Exception {
        addMany();

        for (String filter : List.of(
                "(description=x)",
                "(objectClass=*)",
                "(!(uid=alice))",
                "(|(uid=alice)(description=x))",
                "(uidNumber>=5)",
                "(cn=a*)")) {
            assertThatThrownBy(() -> candidates(SUFFIX, SearchScope.SUB, filter))
                    .as(filter)
                    .isInstanceOfSatisfying(
                            LdapException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.ADMIN_LIMIT_EXCEEDED));
        }
        assertThat(candidates(SUFFIX, SearchScope.SUB, "(objectClass=*)", true)).hasSize(207);
        assertThat(candidates(SUFFIX, SearchScope.SUBORDINATES, "(objectClass=*)", true))
                .hasSize(206);
        // a small subtree is fine without an index
        assertThat(candidates("ou=People," + SUFFIX, SearchScope.SUB, "(description=x)"))
                .hasSize(4);
        assertThat(candidates("ou=Many," + SUFFIX, SearchScope.ONE, "(description=x)"))
                .hasSize(200);
    }

    @Test
    void entriesByIdAndForEach() throws Exception {
        List<Long> ids = new ArrayList<>();
        backend.search(
                SearchSpec.of(
                        dn(SUFFIX),
                        SearchScope.SUB,
                        FilterText.parse("(objectClass=inetOrgPerson)"),
                        backend.config().unindexedLimit()),
                (id, e, s, v) -> ids.add(id));
        assertThat(ids).hasSize(3);

        backend.delete(dn("uid=bob,ou=People," + SUFFIX));
        List<String> seen = new ArrayList<>();
        backend.entries(
                ids.stream().mapToLong(Long::longValue).toArray(), (id, e, s, v) -> seen.add(e.dn().normalized()));
        assertThat(seen)
                .containsExactlyInAnyOrder(
                        "uid=alice,ou=people,dc=example,dc=com", "uid=carol,ou=people,dc=example,dc=com");

        List<String> all = new ArrayList<>();
        backend.forEach((id, e, s, v) -> all.add(e.dn().normalized()));
        assertThat(all).hasSize(5);
        // parents before children
        for (int i = 0; i < all.size(); i++) {
            Dn d = dn(all.get(i));
            if (!d.equals(dn(SUFFIX))) {
                assertThat(all.subList(0, i)).contains(d.parent().normalized());
            }
        }
    }

    @Test
    void anLmdbBackendKeepsItsTreeAcrossARestart(@TempDir Path dir) throws Exception {
        long mapSize = 64L << 20;
        try (Backend lmdb = new Backend(new LmdbStorage(dir, mapSize), SCHEMA, config())) {
            lmdb.add(entry("dn: dc=example,dc=com\nobjectClass: domain\ndc: example\n"));
            lmdb.add(unit("People", SUFFIX));
            lmdb.add(person("alice", "Alice Andersen", "Andersen", "ou=People," + SUFFIX));
        }
        try (Backend lmdb = new Backend(new LmdbStorage(dir, mapSize), SCHEMA, config())) {
            assertThat(lmdb.get(dn("uid=alice,ou=People," + SUFFIX))).isNotNull();
            lmdb.add(person("bob", "Bob Brown", "Brown", "ou=People," + SUFFIX)); // IDs continue, no clash
            List<String> seen = new ArrayList<>();
            lmdb.search(
                    SearchSpec.of(
                            dn(SUFFIX),
                            SearchScope.SUB,
                            FilterText.parse("(cn=*and*)"),
                            lmdb.config().unindexedLimit()),
                    (id, e, s, v) -> {
                        seen.add(e.dn().normalized());
                        return true;
                    });
            assertThat(seen).containsExactly("uid=alice,ou=people,dc=example,dc=com");
            List<String> children = new ArrayList<>();
            lmdb.search(
                    SearchSpec.of(
                            dn("ou=People," + SUFFIX),
                            SearchScope.ONE,
                            FilterText.parse("(objectClass=*)"),
                            lmdb.config().unindexedLimit()),
                    (id, e, s, v) -> children.add(e.dn().normalized()));
            assertThat(children)
                    .containsExactly("uid=alice,ou=people,dc=example,dc=com", "uid=bob,ou=people,dc=example,dc=com");
        }
    }

    @Test
    void unknownIndexedTypeIsAConfigurationError() throws LdapException {
        BackendConfig bad = new BackendConfig(
                List.of(dn(SUFFIX)), java.util.Map.of("noSuchType", java.util.Set.of(IndexKind.EQUALITY)), 10);
        assertThatThrownBy(() -> new Backend(new MemoryStorage(), SCHEMA, bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("noSuchType");
    }

    @Test
    void presenceIndex() throws Exception {
        BackendConfig withPresence = new BackendConfig(
                List.of(dn(SUFFIX)),
                java.util.Map.of("mail", java.util.Set.of(IndexKind.PRESENCE, IndexKind.EQUALITY)),
                2);
        try (Backend b = new Backend(new MemoryStorage(), SCHEMA, withPresence)) {
            b.add(entry("dn: dc=example,dc=com\nobjectClass: domain\ndc: example\n"));
            b.add(unit("People", SUFFIX));
            b.add(person("alice", "Alice", "A", "ou=People," + SUFFIX));
            b.add(person("bob", "Bob", "B", "ou=People," + SUFFIX));
            b.modify(dn("uid=bob,ou=People," + SUFFIX), e -> {
                e.remove(AttributeDescription.parse("mail", SCHEMA));
                return e;
            });
            List<String> seen = new ArrayList<>();
            // four entries and a limit of two: only the presence index makes this possible
            b.search(
                    SearchSpec.of(
                            dn(SUFFIX),
                            SearchScope.SUB,
                            FilterText.parse("(mail=*)"),
                            b.config().unindexedLimit()),
                    (id, e, s, v) -> {
                        seen.add(e.dn().normalized());
                        return true;
                    });
            assertThat(seen).containsExactly("uid=alice,ou=people,dc=example,dc=com");
        }
    }
}
