package dev.linden.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.protocol.Control;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.BindResponse;
import dev.linden.protocol.op.SearchRequest;
import dev.linden.protocol.op.SearchResultDone;
import dev.linden.protocol.op.SearchResultEntry;
import dev.linden.protocol.sync.NewCookie;
import dev.linden.protocol.sync.RefreshDelete;
import dev.linden.protocol.sync.RefreshPresent;
import dev.linden.protocol.sync.SyncDoneControl;
import dev.linden.protocol.sync.SyncIdSet;
import dev.linden.protocol.sync.SyncMode;
import dev.linden.protocol.sync.SyncRequestControl;
import dev.linden.protocol.sync.SyncState;
import dev.linden.protocol.sync.SyncStateControl;
import dev.linden.testkit.ScriptedPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * OpenLDAP's ldapsearch (ldap-utils 2.5) as the other side: its {@code -E sync=...} request is
 * captured from a socket and read with {@link SyncRequestControl}, whose encoding of the same
 * request must be byte for byte what ldapsearch sent; then Sync State, Sync Info and Sync Done
 * values encoded here are sent back, and ldapsearch's printout of them must show what was encoded.
 */
class LdapSearchSyncIT {
    private static final Path LDAPSEARCH = Path.of("/usr/bin/ldapsearch");
    private static final String COOKIE = "rid=001,sid=002,csn=20261206124807.170433Z#000000#001#000000";
    private static final String LATER = "rid=001,sid=002,csn=20261206124822.848706Z#000000#002#000000";
    private static final UUID ALICE = UUID.fromString("3b2a3c5e-4f6a-103f-8f1e-b5b2f1e0a001");
    private static final UUID BOB = UUID.fromString("ffffffff-0000-4000-8000-000000000002");
    private static final UUID CAROL = UUID.fromString("0000000a-000b-400c-800d-00000000000e");

    record Run(Process process, Path out, Path err) {
        String output() throws Exception {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("ldapsearch did not finish");
            }
            return Files.readString(out) + Files.readString(err);
        }
    }

    private static Run ldapsearch(String url, String syncOption) throws Exception {
        assertThat(LDAPSEARCH)
                .as("ldapsearch is missing: apt-get install -y ldap-utils")
                .isExecutable();
        Path out = Files.createTempFile("ldapsearch", ".out");
        Path err = Files.createTempFile("ldapsearch", ".err");
        ProcessBuilder pb = new ProcessBuilder(
                LDAPSEARCH.toString(), "-x", "-H", url, "-b", "dc=example,dc=com", "-E", syncOption, "(objectClass=*)");
        pb.environment().put("LDAPNOINIT", "1"); // no ldap.conf or .ldaprc of this machine
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new Run(pb.start(), out, err);
    }

    /** Answers the client's bind, then returns its search request. */
    private static LdapMessage searchRequest(ScriptedPeer peer) throws Exception {
        peer.accept();
        while (true) {
            LdapMessage m = peer.read();
            assertThat(m).as("the client closed before searching").isNotNull();
            if (m.op() instanceof BindRequest) {
                peer.send(new LdapMessage(m.messageId(), new BindResponse(LdapResult.success(), null)));
            } else if (m.op() instanceof SearchRequest) {
                return m;
            }
        }
    }

    private static Control syncControl(LdapMessage search) {
        List<Control> found = new ArrayList<>();
        for (Control c : search.controls()) {
            if (c.oid().equals(SyncRequestControl.OID)) {
                found.add(c);
            }
        }
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static LdapMessage entry(int id, String uid, UUID uuid, SyncState state, String cookie) {
        return new LdapMessage(
                id,
                new SearchResultEntry(
                        "uid=" + uid + ",dc=example,dc=com", List.of(new PartialAttribute("uid", List.of(utf8(uid))))),
                List.of(new SyncStateControl(state, uuid, cookie == null ? null : utf8(cookie)).encode()));
    }

    @Test
    void refreshOnlyWithACookieBothWays() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer()) {
            Run run = ldapsearch(peer.url(), "!sync=ro/" + COOKIE);
            LdapMessage search = searchRequest(peer);
            Control control = syncControl(search);
            SyncRequestControl request = SyncRequestControl.decode(control);
            assertThat(control.critical()).isTrue();
            assertThat(request).isEqualTo(new SyncRequestControl(SyncMode.REFRESH_ONLY, utf8(COOKIE), false));
            assertThat(request.encodeValue())
                    .as("the same value as ldapsearch's")
                    .containsExactly(control.value());

            int id = search.messageId();
            peer.send(entry(id, "alice", ALICE, SyncState.ADD, null));
            peer.send(new LdapMessage(id, new SyncIdSet(utf8(COOKIE), false, List.of(BOB, CAROL)).encode()));
            peer.send(new LdapMessage(id, new RefreshPresent(null, false).encode()));
            peer.send(new LdapMessage(id, new SyncIdSet(null, true, List.of(CAROL)).encode()));
            peer.send(new LdapMessage(
                    id,
                    new SearchResultDone(LdapResult.success()),
                    List.of(new SyncDoneControl(utf8(LATER), true).encode())));
            String out = run.output();
            assertThat(run.process().exitValue()).as(out).isZero();
            assertThat(out)
                    .contains(
                            "# SyncState control, UUID " + ALICE + " added",
                            "# SyncInfo Received: ID Set\n# cookie: " + COOKIE + "\n# syncUUIDs:\n#\t" + BOB + "\n#\t"
                                    + CAROL + "\n",
                            "# SyncInfo Received: refresh present\n\n# SyncInfo Received: ID Set\n# following UUIDs no longer match the search\n# syncUUIDs:\n#\t"
                                    + CAROL + "\n",
                            "# SyncDone control refreshDeletes=1\n# cookie: " + LATER + "\n");
            assertThat(out).doesNotContain("refresh done", "UUID malformed", "SyncInfoValue unknown");
        }
    }

    @Test
    void refreshAndPersistWithoutACookie() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer()) {
            Run run = ldapsearch(peer.url(), "sync=rp");
            LdapMessage search = searchRequest(peer);
            Control control = syncControl(search);
            assertThat(control.critical()).isFalse();
            SyncRequestControl request = SyncRequestControl.decode(control);
            assertThat(request).isEqualTo(new SyncRequestControl(SyncMode.REFRESH_AND_PERSIST, null, false));
            assertThat(request.encodeValue())
                    .containsExactly(control.value())
                    .containsExactly(HexFormat.of().parseHex("30030a0103"));

            int id = search.messageId();
            peer.send(entry(id, "alice", ALICE, SyncState.ADD, null));
            peer.send(new LdapMessage(id, new RefreshDelete(utf8(COOKIE), true).encode()));
            peer.send(entry(id, "bob", BOB, SyncState.MODIFY, LATER));
            peer.send(entry(id, "carol", CAROL, SyncState.DELETE, null));
            peer.send(new LdapMessage(id, new NewCookie(utf8(LATER)).encode()));
            peer.send(entry(id, "bob", BOB, SyncState.PRESENT, null));
            peer.hangUp(); // ldapsearch would wait for changes for ever
            String out = run.output();
            assertThat(out)
                    .contains(
                            "# SyncState control, UUID " + ALICE + " added",
                            "# SyncInfo Received: refresh delete\n# cookie: " + COOKIE
                                    + "\n# refresh done, switching to persist stage",
                            "# SyncState control, UUID " + BOB + " modified\n# cookie: " + LATER + "\n",
                            "# SyncState control, UUID " + CAROL + " deleted",
                            "# SyncInfo Received: new cookie\n# cookie: " + LATER + "\n",
                            "# SyncState control, UUID " + BOB + " present");
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
