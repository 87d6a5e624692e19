package dev.linden.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import dev.linden.it.slapd.Slapd;
import dev.linden.model.sync.Csn;
import dev.linden.model.sync.CsnClock;
import dev.linden.model.sync.CsnVector;
import dev.linden.model.sync.SyncCookie;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.BindResponse;
import dev.linden.protocol.op.SearchRequest;
import dev.linden.protocol.op.SearchResultDone;
import dev.linden.protocol.op.SearchResultEntry;
import dev.linden.protocol.sync.SyncDoneControl;
import dev.linden.protocol.sync.SyncMode;
import dev.linden.protocol.sync.SyncRequestControl;
import dev.linden.protocol.sync.SyncState;
import dev.linden.protocol.sync.SyncStateControl;
import dev.linden.testkit.ScriptedPeer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A real slapd 2.5 consumer (syncrepl, refreshOnly every 2 s) pointed at a scripted provider: its
 * Sync Request is read with Linden's decoder (and is byte for byte what Linden encodes for the same
 * request); entries sent with Linden's Sync State controls and a Sync Done cookie in Linden's format
 * are applied by slapd, which then holds our entryUUIDs and entryCSNs, stores our CSN as its
 * contextCSN, and sends it back as its cookie on the next poll.
 */
class SlapdSyncConsumerIT {
    private static final String BASE = "dc=example,dc=com";
    private static final String MANAGE_DSA_IT = "2.16.840.1.113730.3.4.2";

    @Test
    void slapdAppliesWhatLindenEncodesAndSendsBackLindensCookie() throws Exception {
        CsnClock clock = CsnClock.system(1);
        Csn baseCsn = clock.next();
        Csn aliceCsn = clock.next();
        UUID baseUuid = UUID.randomUUID();
        UUID aliceUuid = UUID.randomUUID();
        try (ScriptedPeer provider = new ScriptedPeer();
                Slapd slapd = Slapd.start("", """
                        syncrepl rid=001 provider=%s bindmethod=simple binddn="cn=replicator,dc=example,dc=com"
                          credentials=secret searchbase="dc=example,dc=com" type=refreshOnly interval=00:00:00:02
                          retry="1 +" timeout=5
                        """.formatted(provider.url()))) {
            provider.accept();
            LdapMessage first = searchRequest(provider);
            SearchRequest search = (SearchRequest) first.op();
            assertThat(search.baseDn()).isEqualTo(BASE);
            Control syncControl = control(first, SyncRequestControl.OID);
            SyncRequestControl request = SyncRequestControl.decode(syncControl);
            assertThat(request.mode()).isEqualTo(SyncMode.REFRESH_ONLY);
            assertThat(request.reloadHint())
                    .as("slapd's consumer asks for a reload rather than an error")
                    .isTrue();
            SyncCookie initial = SyncCookie.parse(request.cookie());
            assertThat(initial.rid()).hasValue(1);
            assertThat(initial.csns().isEmpty()).isTrue();
            assertThat(request.encodeValue()).as("the same bytes as slapd's").containsExactly(syncControl.value());
            Control manageDsaIt = control(first, MANAGE_DSA_IT);
            assertThat(manageDsaIt.critical()).isTrue();

            int id = first.messageId();
            provider.send(entry(
                    id,
                    BASE,
                    baseUuid,
                    baseCsn,
                    attr("objectClass", "dcObject", "organization"),
                    attr("dc", "example"),
                    attr("o", "Example")));
            provider.send(entry(
                    id,
                    "uid=alice," + BASE,
                    aliceUuid,
                    aliceCsn,
                    attr("objectClass", "inetOrgPerson"),
                    attr("uid", "alice"),
                    attr("cn", "Alice"),
                    attr("sn", "Liddell")));
            SyncCookie state = SyncCookie.of(1, 1, CsnVector.of(aliceCsn));
            provider.send(new LdapMessage(
                    id,
                    new SearchResultDone(LdapResult.success()),
                    List.of(new SyncDoneControl(state.toBytes(), true).encode())));

            // the next poll, on a new connection or the same one, carries slapd's cookie: ours, kept
            LdapMessage second = nextSearch(provider);
            SyncCookie resent = SyncCookie.parse(SyncRequestControl.decode(control(second, SyncRequestControl.OID))
                    .cookie());
            assertThat(resent.rid()).hasValue(1);
            assertThat(resent.csns()).isEqualTo(state.csns());
            provider.send(new LdapMessage(
                    second.messageId(),
                    new SearchResultDone(LdapResult.success()),
                    List.of(new SyncDoneControl(state.toBytes(), false).encode())));

            try (LDAPConnection admin =
                    new LDAPConnection("127.0.0.1", slapd.port(), Slapd.ADMIN_DN, Slapd.ADMIN_PASSWORD)) {
                var alice = admin.getEntry("uid=alice," + BASE, "entryUUID", "entryCSN");
                assertThat(alice).as("alice replicated into slapd").isNotNull();
                assertThat(alice.getAttributeValue("entryUUID")).isEqualTo(aliceUuid.toString());
                assertThat(alice.getAttributeValue("entryCSN")).isEqualTo(aliceCsn.toString());
                var base = admin.getEntry(BASE, "entryUUID", "contextCSN");
                assertThat(base.getAttributeValue("entryUUID")).isEqualTo(baseUuid.toString());
                assertThat(base.getAttributeValues("contextCSN")).containsExactly(aliceCsn.toString());
            }
        }
    }

    /** Answers the bind of slapd's replication identity, returns its search. */
    private static LdapMessage searchRequest(ScriptedPeer provider) throws Exception {
        while (true) {
            LdapMessage m = provider.read();
            assertThat(m).as("slapd closed the connection before searching").isNotNull();
            if (m.op() instanceof BindRequest bind) {
                assertThat(bind.name()).isEqualTo("cn=replicator,dc=example,dc=com");
                provider.send(new LdapMessage(m.messageId(), new BindResponse(LdapResult.success(), null)));
            } else if (m.op() instanceof SearchRequest) {
                return m;
            }
        }
    }

    /** The next search, whether slapd polls on the same connection or (after closing it) a new one. */
    private static LdapMessage nextSearch(ScriptedPeer provider) throws Exception {
        while (true) {
            LdapMessage m = provider.read();
            if (m == null) {
                provider.accept();
                continue;
            }
            if (m.op() instanceof BindRequest) {
                provider.send(new LdapMessage(m.messageId(), new BindResponse(LdapResult.success(), null)));
            } else if (m.op() instanceof SearchRequest) {
                return m;
            }
        }
    }

    private static Control control(LdapMessage m, String oid) {
        List<Control> found =
                m.controls().stream().filter(c -> c.oid().equals(oid)).toList();
        assertThat(found).as("controls %s", oid).hasSize(1);
        return found.get(0);
    }

    private static PartialAttribute attr(String type, String... values) {
        return new PartialAttribute(
                type,
                Arrays.stream(values)
                        .map(v -> v.getBytes(StandardCharsets.UTF_8))
                        .toList());
    }

    private static LdapMessage entry(int id, String dn, UUID uuid, Csn csn, PartialAttribute... attributes) {
        List<PartialAttribute> all = new ArrayList<>(List.of(attributes));
        all.add(attr("entryUUID", uuid.toString()));
        all.add(attr("entryCSN", csn.toString()));
        return new LdapMessage(
                id, new SearchResultEntry(dn, all), List.of(new SyncStateControl(SyncState.ADD, uuid, null).encode()));
    }
}
