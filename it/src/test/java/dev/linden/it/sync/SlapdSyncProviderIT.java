package dev.linden.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.IntermediateResponse;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.it.slapd.Slapd;
import dev.linden.model.sync.Csn;
import dev.linden.model.sync.CsnClock;
import dev.linden.model.sync.SyncCookie;
import dev.linden.protocol.sync.RefreshDelete;
import dev.linden.protocol.sync.RefreshPresent;
import dev.linden.protocol.sync.SyncDoneControl;
import dev.linden.protocol.sync.SyncIdSet;
import dev.linden.protocol.sync.SyncInfo;
import dev.linden.protocol.sync.SyncMode;
import dev.linden.protocol.sync.SyncRequestControl;
import dev.linden.protocol.sync.SyncState;
import dev.linden.protocol.sync.SyncStateControl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real slapd 2.5 with syncprov and a session log as the provider: a Sync Request encoded here is
 * understood by slapd, and everything slapd answers (Sync State, Sync Info, Sync Done, its cookies
 * and entryCSNs) is read by Linden's decoders, with cookies and CSNs written back byte for byte as
 * slapd wrote them.
 */
class SlapdSyncProviderIT {
    private static final String BASE = "dc=example,dc=com";
    private static final String LDIF = """
            dn: dc=example,dc=com
            objectClass: dcObject
            objectClass: organization
            dc: example
            o: Example

            dn: ou=people,dc=example,dc=com
            objectClass: organizationalUnit
            ou: people
            """ + person("alice") + person("bob") + person("carol");

    static Slapd slapd;
    static LDAPConnection admin;

    private static String person(String uid) {
        return """

                dn: uid=%1$s,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: %1$s
                cn: %1$s
                sn: %1$s
                """.formatted(uid);
    }

    @BeforeAll
    static void start() throws Exception {
        slapd = Slapd.start("moduleload syncprov\nserverID 1", """
                index entryCSN,entryUUID eq
                overlay syncprov
                syncprov-sessionlog 100
                """).loadLdif(LDIF);
        admin = new LDAPConnection("127.0.0.1", slapd.port(), Slapd.ADMIN_DN, Slapd.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (slapd != null) {
            slapd.close();
        }
    }

    /** What one refreshOnly search brought back, decoded with Linden's codecs. */
    record Refresh(
            List<SearchResultEntry> entries,
            List<SyncStateControl> states,
            List<SyncInfo> infos,
            SyncDoneControl done) {}

    private static Refresh refreshOnly(byte[] cookie) throws Exception {
        SearchRequest search = new SearchRequest(BASE, SearchScope.SUB, "(objectClass=*)", "*", "+");
        search.addControl(toUnboundId(new SyncRequestControl(SyncMode.REFRESH_ONLY, cookie, false).encode(true)));
        List<SyncInfo> infos = new ArrayList<>();
        search.setIntermediateResponseListener(r -> infos.add(decodeInfo(r)));
        SearchResult result = admin.search(search);
        assertThat(result.getResultCode()).isEqualTo(ResultCode.SUCCESS);
        List<SyncStateControl> states = new ArrayList<>();
        for (SearchResultEntry e : result.getSearchEntries()) {
            states.add(stateOf(e));
        }
        Control done = only(result.getResponseControls(), SyncDoneControl.OID);
        return new Refresh(
                result.getSearchEntries(),
                states,
                infos,
                SyncDoneControl.decodeValue(done.getValue().getValue()));
    }

    @Test
    void aFirstRefreshIsReadWhole() throws Exception {
        Refresh first = refreshOnly(null);
        assertThat(first.entries())
                .hasSize(admin.search(BASE, SearchScope.SUB, "(objectClass=*)").getEntryCount());
        Csn newest = null;
        for (int i = 0; i < first.entries().size(); i++) {
            SearchResultEntry e = first.entries().get(i);
            SyncStateControl state = first.states().get(i);
            assertThat(state.state()).isEqualTo(SyncState.ADD);
            assertThat(state.entryUuid()).isEqualTo(UUID.fromString(e.getAttributeValue("entryUUID")));
            String entryCsn = e.getAttributeValue("entryCSN");
            Csn csn = Csn.parse(entryCsn);
            assertThat(csn.toString()).isEqualTo(entryCsn);
            assertThat(csn.sid()).isEqualTo(1);
            newest = newest == null || csn.compareTo(newest) > 0 ? csn : newest;
        }
        // slapd ends a refresh without a cookie with refreshDeletes TRUE (the RFC says FALSE)
        assertThat(first.done().refreshDeletes()).isTrue();
        String cookieText = new String(first.done().cookie(), StandardCharsets.US_ASCII);
        SyncCookie cookie = SyncCookie.parse(first.done().cookie());
        assertThat(cookie.toString()).as("written as slapd writes it").isEqualTo(cookieText);
        assertThat(cookie.sid()).hasValue(1);
        // the suffix's contextCSN: the newest change, a deletion included (other tests here delete)
        Csn context = Csn.parse(admin.getEntry(BASE, "contextCSN").getAttributeValue("contextCSN"));
        assertThat(cookie.csnFor(1)).contains(context);
        assertThat(context).isGreaterThanOrEqualTo(newest);

        CsnClock clock = new CsnClock(2, () -> 0L); // a server whose clock says 1970
        clock.observe(cookie.csnFor(1).orElseThrow());
        assertThat(clock.next()).isGreaterThan(newest);
    }

    @Test
    void anIncrementalRefreshNamesTheDeletionsFromTheSessionLog() throws Exception {
        Refresh before = refreshOnly(null);
        SyncCookie start = SyncCookie.parse(before.done().cookie()).withRid(1); // slapd ignores a cookie without rid
        admin.modify(
                "uid=alice,ou=people," + BASE, new Modification(ModificationType.REPLACE, "description", "changed"));
        UUID carol = UUID.fromString(
                admin.getEntry("uid=carol,ou=people," + BASE, "entryUUID").getAttributeValue("entryUUID"));
        admin.delete("uid=carol,ou=people," + BASE);

        Refresh after = refreshOnly(start.toBytes());
        assertThat(after.entries()).extracting(SearchResultEntry::getDN).containsExactly("uid=alice,ou=people," + BASE);
        assertThat(after.states().get(0).state()).isEqualTo(SyncState.ADD);
        Set<UUID> deleted = new HashSet<>();
        boolean delCsnSeen = false;
        for (SyncInfo info : after.infos()) {
            if (info instanceof SyncIdSet set && set.refreshDeletes()) {
                deleted.addAll(set.syncUuids());
                if (set.cookie() != null) {
                    SyncCookie c = SyncCookie.parse(set.cookie());
                    assertThat(c.toString()).isEqualTo(new String(set.cookie(), StandardCharsets.US_ASCII));
                    delCsnSeen |= c.delCsn().isPresent();
                }
            }
        }
        assertThat(deleted).containsExactly(carol);
        assertThat(delCsnSeen).as("a syncIdSet cookie with delcsn=").isTrue();
        SyncCookie end = SyncCookie.parse(after.done().cookie());
        assertThat(end.rid()).hasValue(1);
        assertThat(end.covers(start)).isTrue();
        assertThat(start.covers(end)).isFalse();
    }

    @Test
    void refreshAndPersistStreamsChangesWithTheirCookies() throws Exception {
        byte[] cookie =
                SyncCookie.parse(refreshOnly(null).done().cookie()).withRid(2).toBytes();
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        AsyncSearchResultListener listener = new AsyncSearchResultListener() {
            @Override
            public void searchEntryReturned(SearchResultEntry entry) {
                received.add(entry);
            }

            @Override
            public void searchReferenceReturned(SearchResultReference reference) {
                received.add(reference);
            }

            @Override
            public void searchResultReceived(AsyncRequestID id, SearchResult result) {
                received.add(result);
            }
        };
        SearchRequest search = new SearchRequest(listener, BASE, SearchScope.SUB, "(objectClass=*)", "*", "+");
        search.addControl(
                toUnboundId(new SyncRequestControl(SyncMode.REFRESH_AND_PERSIST, cookie, false).encode(false)));
        search.setIntermediateResponseListener(received::add);
        AsyncRequestID id = admin.asyncSearch(search);
        try {
            Object first = received.poll(10, TimeUnit.SECONDS);
            assertThat(first).as("the end of the refresh").isInstanceOf(IntermediateResponse.class);
            SyncInfo endOfRefresh = decodeInfo((IntermediateResponse) first);
            assertThat(endOfRefresh).isInstanceOfAny(RefreshDelete.class, RefreshPresent.class);
            assertThat(
                            endOfRefresh instanceof RefreshDelete d
                                    ? d.refreshDone()
                                    : ((RefreshPresent) endOfRefresh).refreshDone())
                    .isTrue();

            admin.modify(
                    "uid=bob,ou=people," + BASE,
                    new Modification(ModificationType.REPLACE, "description", "persisted"));
            Object change = received.poll(10, TimeUnit.SECONDS);
            assertThat(change).isInstanceOf(SearchResultEntry.class);
            SearchResultEntry bob = (SearchResultEntry) change;
            SyncStateControl state = stateOf(bob);
            assertThat(state.state()).isEqualTo(SyncState.MODIFY);
            assertThat(state.entryUuid()).isEqualTo(UUID.fromString(bob.getAttributeValue("entryUUID")));
            SyncCookie changeCookie = SyncCookie.parse(state.cookie());
            assertThat(changeCookie.toString()).isEqualTo(new String(state.cookie(), StandardCharsets.US_ASCII));
            assertThat(changeCookie.csns().csns())
                    .as("a persist cookie carries that change's CSN only")
                    .containsExactly(Csn.parse(bob.getAttributeValue("entryCSN")));
        } finally {
            admin.abandon(id);
        }
    }

    private static SyncStateControl stateOf(SearchResultEntry entry) throws Exception {
        return SyncStateControl.decodeValue(only(List.of(entry.getControls()), SyncStateControl.OID)
                .getValue()
                .getValue());
    }

    private static Control only(Control[] controls, String oid) {
        return only(List.of(controls), oid);
    }

    private static Control only(List<Control> controls, String oid) {
        List<Control> found =
                controls.stream().filter(c -> c.getOID().equals(oid)).toList();
        assertThat(found).as("controls %s", oid).hasSize(1);
        return found.get(0);
    }

    private static SyncInfo decodeInfo(IntermediateResponse r) {
        assertThat(r.getOID()).isEqualTo(SyncInfo.OID);
        try {
            return SyncInfo.decodeValue(r.getValue().getValue());
        } catch (dev.linden.protocol.ber.BerException e) {
            throw new AssertionError("slapd's Sync Info does not decode: " + e.getMessage(), e);
        }
    }

    private static Control toUnboundId(dev.linden.protocol.Control c) {
        return new Control(c.oid(), c.critical(), c.value() == null ? null : new ASN1OctetString(c.value()));
    }
}
