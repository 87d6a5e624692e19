package dev.linden.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.core.Session;
import dev.linden.core.ppolicy.Policy;
import dev.linden.model.sync.SyncCookie;
import dev.linden.protocol.Control;
import dev.linden.protocol.DerefAliases;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.ModOp;
import dev.linden.protocol.Modification;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.FilterText;
import dev.linden.protocol.op.AddRequest;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.DeleteRequest;
import dev.linden.protocol.op.IntermediateResponse;
import dev.linden.protocol.op.ModifyRequest;
import dev.linden.protocol.op.SearchRequest;
import dev.linden.protocol.op.SearchResultEntry;
import dev.linden.protocol.sync.SyncDoneControl;
import dev.linden.protocol.sync.SyncIdSet;
import dev.linden.protocol.sync.SyncInfo;
import dev.linden.protocol.sync.SyncMode;
import dev.linden.protocol.sync.SyncRequestControl;
import dev.linden.protocol.sync.SyncState;
import dev.linden.protocol.sync.SyncStateControl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Content synchronization (RFC 4533) refreshes through the Dispatcher: present and delete phases, cookies. */
class SyncProviderTest {
    private static final String LDIF = """
            dn: dc=example,dc=com
            objectClass: domain
            dc: example

            dn: ou=people,dc=example,dc=com
            objectClass: organizationalUnit
            ou: people

            dn: uid=alice,ou=people,dc=example,dc=com
            objectClass: inetOrgPerson
            uid: alice
            cn: Alice
            sn: A
            userPassword: alice-password
            """;

    private DispatcherHarness h;
    private Session admin;

    /** What one refreshOnly synchronization got: the entries with their states, the syncIdSets, the final cookie. */
    record Refresh(
            List<SearchResultEntry> entries,
            List<SyncStateControl> states,
            List<SyncIdSet> idSets,
            SyncDoneControl done) {
        List<String> dns() {
            return entries.stream().map(SearchResultEntry::dn).toList();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        h = new DispatcherHarness(Policy.DEFAULT, LDIF);
        admin = h.connect();
        h.send(
                admin,
                BindRequest.simple(
                        DispatcherHarness.ADMIN, DispatcherHarness.ADMIN_PASSWORD.getBytes(StandardCharsets.UTF_8)));
    }

    private Refresh refresh(byte[] cookie) throws Exception {
        SearchRequest r = new SearchRequest(
                "dc=example,dc=com",
                SearchScope.SUB,
                DerefAliases.NEVER,
                0,
                0,
                false,
                FilterText.parse("(objectClass=*)"),
                List.of("*", "+"));
        Control sync = new SyncRequestControl(SyncMode.REFRESH_ONLY, cookie, false).encode(true);
        List<LdapMessage> messages = h.sendAll(admin, r, sync);
        List<SearchResultEntry> entries = new ArrayList<>();
        List<SyncStateControl> states = new ArrayList<>();
        List<SyncIdSet> idSets = new ArrayList<>();
        SyncDoneControl done = null;
        for (LdapMessage m : messages) {
            switch (m.op()) {
                case SearchResultEntry e -> {
                    entries.add(e);
                    states.add(SyncStateControl.decode(m.controls().stream()
                            .filter(c -> c.oid().equals(SyncStateControl.OID))
                            .findFirst()
                            .orElseThrow()));
                }
                case IntermediateResponse i -> idSets.add((SyncIdSet) SyncInfo.decode(i));
                default -> {
                    assertThat(((dev.linden.protocol.op.SearchResultDone) m.op())
                                    .result()
                                    .code())
                            .isEqualTo(ResultCode.SUCCESS);
                    done = SyncDoneControl.decode(m.controls().stream()
                            .filter(c -> c.oid().equals(SyncDoneControl.OID))
                            .findFirst()
                            .orElseThrow());
                }
            }
        }
        return new Refresh(entries, states, idSets, done);
    }

    private static PartialAttribute attr(String name, String value) {
        return new PartialAttribute(name, List.of(value.getBytes(StandardCharsets.UTF_8)));
    }

    private void add(String uid) {
        assertThat(h.send(
                                admin,
                                new AddRequest(
                                        "uid=" + uid + ",ou=people,dc=example,dc=com",
                                        List.of(
                                                attr("objectClass", "inetOrgPerson"),
                                                attr("uid", uid),
                                                attr("cn", uid),
                                                attr("sn", "S"))))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
    }

    @Test
    void withoutACookieEverythingIsSentAsAddWithItsEntryUuidThenACookie() throws Exception {
        Refresh first = refresh(null);
        assertThat(first.dns())
                .containsExactly(
                        "dc=example,dc=com", "ou=people,dc=example,dc=com", "uid=alice,ou=people,dc=example,dc=com");
        assertThat(first.states()).extracting(SyncStateControl::state).containsOnly(SyncState.ADD);
        for (int i = 0; i < first.entries().size(); i++) {
            String uuid = first.entries().get(i).attributes().stream()
                    .filter(a -> a.type().equals("entryUUID"))
                    .map(a -> new String(a.values().get(0), StandardCharsets.US_ASCII))
                    .findFirst()
                    .orElseThrow();
            assertThat(first.states().get(i).entryUuid()).isEqualTo(UUID.fromString(uuid));
        }
        assertThat(first.idSets()).isEmpty();
        assertThat(first.done().refreshDeletes()).isFalse(); // a present phase: the consumer drops what was not named
        SyncCookie cookie = SyncCookie.parse(first.done().cookie());
        assertThat(cookie.sid()).hasValue(1);
        assertThat(cookie.csns().isEmpty()).isFalse();
    }

    @Test
    void aCurrentCookieGetsNothingAndAnOlderOneOnlyWhatChanged() throws Exception {
        byte[] cookie = refresh(null).done().cookie();
        Refresh nothing = refresh(cookie);
        assertThat(nothing.entries()).isEmpty();
        assertThat(nothing.idSets()).isEmpty();
        assertThat(nothing.done().refreshDeletes()).isTrue(); // a delete phase, from the changelog

        add("bob");
        h.send(
                admin,
                new ModifyRequest(
                        "uid=alice,ou=people,dc=example,dc=com",
                        List.of(new Modification(ModOp.REPLACE, attr("description", "changed")))));
        add("carol");
        String carolUuid = entryUuid("uid=carol,ou=people,dc=example,dc=com");
        h.send(admin, new DeleteRequest("uid=carol,ou=people,dc=example,dc=com"));
        Refresh changes = refresh(cookie);
        assertThat(changes.dns())
                .containsExactlyInAnyOrder(
                        "uid=bob,ou=people,dc=example,dc=com", "uid=alice,ou=people,dc=example,dc=com");
        assertThat(changes.idSets()).hasSize(1);
        assertThat(changes.idSets().getFirst().refreshDeletes()).isTrue();
        assertThat(changes.idSets().getFirst().syncUuids()).containsExactly(UUID.fromString(carolUuid));
        assertThat(refresh(changes.done().cookie()).entries()).isEmpty();
    }

    @Test
    void aCookieTheChangelogNoLongerCoversGetsAPresentPhase() throws Exception {
        byte[] cookie = SyncCookie.parse("rid=001,sid=001,csn=20000101000000.000000Z#000000#001#000000")
                .toBytes();
        Refresh r = refresh(cookie); // older than the import (which left no records): present
        assertThat(r.done().refreshDeletes()).isFalse();
        assertThat(r.entries()).hasSize(3);
        byte[] current = r.done().cookie();
        assertThat(SyncCookie.parse(current).rid()).hasValue(1); // echoed
        add("dave");
        // a garbage cookie is no cookie: everything, present phase
        Refresh garbage = refresh("not a cookie".getBytes(StandardCharsets.UTF_8));
        assertThat(garbage.entries()).hasSize(4);
        assertThat(garbage.done().refreshDeletes()).isFalse();
    }

    @Test
    void aPresentPhaseEndsWithTheDeletesTheChangelogRecordsOfEntriesStillGone() throws Exception {
        add("carol");
        String carolUuid = entryUuid("uid=carol,ou=people,dc=example,dc=com");
        h.send(admin, new DeleteRequest("uid=carol,ou=people,dc=example,dc=com"));
        add("erin");
        Refresh r = refresh(null);
        assertThat(r.done().refreshDeletes()).isFalse(); // a present phase
        assertThat(r.dns()).contains("uid=erin,ou=people,dc=example,dc=com");
        assertThat(r.idSets())
                .as("a consumer that kept carol (say, as a writable server that made it) learns she is gone")
                .singleElement()
                .satisfies(ids -> {
                    assertThat(ids.refreshDeletes()).isTrue();
                    assertThat(ids.syncUuids()).containsExactly(UUID.fromString(carolUuid));
                });
    }

    private String entryUuid(String dn) throws Exception {
        SearchRequest r = new SearchRequest(
                dn,
                SearchScope.BASE,
                DerefAliases.NEVER,
                0,
                0,
                false,
                FilterText.parse("(objectClass=*)"),
                List.of("entryUUID"));
        return new String(
                h.send(admin, r)
                        .entries()
                        .getFirst()
                        .attributes()
                        .getFirst()
                        .values()
                        .get(0),
                StandardCharsets.US_ASCII);
    }
}
