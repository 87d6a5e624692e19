package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.EntryChangeNotificationControl;
import com.unboundid.ldap.sdk.controls.PersistentSearchChangeType;
import com.unboundid.ldap.sdk.controls.PersistentSearchRequestControl;
import com.unboundid.ldap.sdk.controls.TransactionSpecificationRequestControl;
import com.unboundid.ldap.sdk.extensions.CancelExtendedRequest;
import com.unboundid.ldap.sdk.extensions.EndTransactionExtendedRequest;
import com.unboundid.ldap.sdk.extensions.StartTransactionExtendedRequest;
import com.unboundid.ldap.sdk.extensions.StartTransactionExtendedResult;
import dev.linden.testkit.TestServer;
import java.util.EnumSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Persistent search (draft-ietf-ldapext-psearch) with the UnboundID SDK's controls: the entries as
 * they are, then each change of the kinds asked for to an entry in scope that matches the filter, with
 * its entry change notification (a renamed entry deleted before the watcher read the rename: by name
 * alone); the watcher ends when canceled; the number of watchers is bounded.
 * slapd does not offer the control, so it is tested against its definition.
 */
class PersistentSearchIT {
    private static final String PEOPLE = "ou=people,dc=example,dc=com";
    private static final long WAIT = 10;

    /** One persistent search: what it received, in order, and its result when it ends. */
    private static final class Watcher implements AsyncSearchResultListener {
        final BlockingQueue<SearchResultEntry> entries = new LinkedBlockingQueue<>();
        final CompletableFuture<SearchResult> done = new CompletableFuture<>();
        AsyncRequestID id;

        @Override
        public void searchEntryReturned(SearchResultEntry entry) {
            entries.add(entry);
        }

        @Override
        public void searchReferenceReturned(SearchResultReference reference) {}

        @Override
        public void searchResultReceived(AsyncRequestID requestId, SearchResult result) {
            done.complete(result);
        }

        SearchResultEntry next() throws InterruptedException {
            SearchResultEntry e = entries.poll(WAIT, TimeUnit.SECONDS);
            assertThat(e).as("an entry within " + WAIT + " s").isNotNull();
            return e;
        }
    }

    private static Watcher watch(
            LDAPConnection c, String filter, EnumSet<PersistentSearchChangeType> types, boolean changesOnly)
            throws Exception {
        Watcher w = new Watcher();
        SearchRequest r = new SearchRequest(w, PEOPLE, SearchScope.SUB, filter, "cn", "description");
        r.addControl(new PersistentSearchRequestControl(types, changesOnly, true));
        w.id = c.asyncSearch(r);
        return w;
    }

    /**
     * Returns once the server has registered a changes-only watcher (its request is answered
     * asynchronously, so a write sent right after it may come first and go unseen): adds and deletes a
     * marker entry until the watcher reports the delete, then forgets what the marker showed it.
     */
    private static void awaitWatching(LDAPConnection writer, Watcher w) throws Exception {
        String marker = "cn=psearch-marker," + PEOPLE;
        for (int attempt = 0; attempt < 50; attempt++) {
            writer.add(
                    marker,
                    new Attribute("objectClass", "person"),
                    new Attribute("cn", "psearch-marker"),
                    new Attribute("sn", "M")); // a person: every watcher here sees it
            writer.delete(marker);
            for (SearchResultEntry e; (e = w.entries.poll(200, TimeUnit.MILLISECONDS)) != null; ) {
                if (e.getDN().equals(marker)
                        && ecn(e) != null
                        && ecn(e).getChangeType() == PersistentSearchChangeType.DELETE) {
                    w.entries.clear();
                    return;
                }
            }
        }
        throw new AssertionError("the persistent search was not registered within 50 attempts");
    }

    private static EntryChangeNotificationControl ecn(SearchResultEntry e) throws Exception {
        return EntryChangeNotificationControl.get(e);
    }

    @Test
    void theEntriesThenEachChangeWithItsNotification() throws Exception {
        try (TestServer s = TestServer.memory().loadResource("sample.ldif");
                LDAPConnection watcher =
                        new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
                LDAPConnection writer =
                        new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            Watcher w = watch(watcher, "(objectClass=person)", EnumSet.allOf(PersistentSearchChangeType.class), false);
            for (int i = 0; i < 3; i++) { // alice, bob, carol: as they are, without notifications
                assertThat(ecn(w.next())).isNull();
            }
            writer.add(
                    "uid=dan," + PEOPLE,
                    new Attribute("objectClass", "inetOrgPerson"),
                    new Attribute("uid", "dan"),
                    new Attribute("cn", "Dan"),
                    new Attribute("sn", "D"));
            // each change goes out with the entry as it is when the watcher reads it (see PersistentSearch):
            // the add and the modify are read before the rename and the delete, or they would show the new
            // name or nothing but a name (the add's failed so once in CI); the rename and the delete go
            // together, as the two changes of one LDAP transaction do in the test below
            SearchResultEntry added = w.next();
            assertThat(added.getDN()).isEqualTo("uid=dan," + PEOPLE);
            assertThat(ecn(added).getChangeType()).isEqualTo(PersistentSearchChangeType.ADD);
            writer.add("cn=printer," + PEOPLE, new Attribute("objectClass", "device"), new Attribute("cn", "printer"));
            writer.modify("uid=dan," + PEOPLE, new Modification(ModificationType.REPLACE, "description", "new"));
            SearchResultEntry modified = w.next(); // the device does not match the filter: the modify comes next
            assertThat(ecn(modified).getChangeType()).isEqualTo(PersistentSearchChangeType.MODIFY);
            assertThat(modified.getAttributeValue("description")).isEqualTo("new");
            writer.modifyDN("uid=dan," + PEOPLE, "uid=daniel", true);
            writer.delete("uid=daniel," + PEOPLE);
            SearchResultEntry renamed = w.next();
            assertThat(ecn(renamed).getChangeType()).isEqualTo(PersistentSearchChangeType.MODIFY_DN);
            assertThat(renamed.getDN()).isEqualTo("uid=daniel," + PEOPLE);
            assertThat(ecn(renamed).getPreviousDN()).isEqualTo("uid=dan," + PEOPLE);
            SearchResultEntry deleted = w.next();
            assertThat(ecn(deleted).getChangeType()).isEqualTo(PersistentSearchChangeType.DELETE);
            assertThat(deleted.getDN()).isEqualTo("uid=daniel," + PEOPLE);
            assertThat(ecn(deleted).getChangeNumber()).isGreaterThan(ecn(added).getChangeNumber());
            // canceled, it ends with canceled and the cancel succeeds
            assertThat(watcher.processExtendedOperation(new CancelExtendedRequest(w.id))
                            .getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            assertThat(w.done.get(WAIT, TimeUnit.SECONDS).getResultCode()).isEqualTo(ResultCode.CANCELED);
            assertThat(w.entries).isEmpty();
        }
    }

    @Test
    void aRenameStillFollowsWhenTheEntryWasDeletedBeforeTheWatcherReadIt() throws Exception {
        try (TestServer s = TestServer.memory().loadResource("sample.ldif");
                LDAPConnection watcher =
                        new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
                LDAPConnection writer =
                        new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            Watcher w = watch(watcher, "(objectClass=person)", EnumSet.allOf(PersistentSearchChangeType.class), true);
            awaitWatching(writer, w);
            // one LDAP transaction (RFC 5805): both changes are committed before the watcher reads either
            ASN1OctetString txn = ((StartTransactionExtendedResult)
                            writer.processExtendedOperation(new StartTransactionExtendedRequest()))
                    .getTransactionID();
            ModifyDNRequest rename = new ModifyDNRequest("uid=carol," + PEOPLE, "uid=caroline", true);
            rename.addControl(new TransactionSpecificationRequestControl(txn));
            writer.modifyDN(rename);
            DeleteRequest delete = new DeleteRequest("uid=caroline," + PEOPLE);
            delete.addControl(new TransactionSpecificationRequestControl(txn));
            writer.delete(delete);
            assertThat(writer.processExtendedOperation(new EndTransactionExtendedRequest(txn, true))
                            .getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            SearchResultEntry renamed = w.next(); // the entry is gone: its new name and where it came from
            assertThat(ecn(renamed).getChangeType()).isEqualTo(PersistentSearchChangeType.MODIFY_DN);
            assertThat(renamed.getDN()).isEqualTo("uid=caroline," + PEOPLE);
            assertThat(ecn(renamed).getPreviousDN()).isEqualTo("uid=carol," + PEOPLE);
            SearchResultEntry deleted = w.next();
            assertThat(ecn(deleted).getChangeType()).isEqualTo(PersistentSearchChangeType.DELETE);
            assertThat(deleted.getDN()).isEqualTo("uid=caroline," + PEOPLE);
        }
    }

    @Test
    void changesOnlyOfTheKindsAskedFor() throws Exception {
        try (TestServer s = TestServer.memory().loadResource("sample.ldif");
                LDAPConnection watcher =
                        new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
                LDAPConnection writer =
                        new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            Watcher w = watch(watcher, "(objectClass=*)", EnumSet.of(PersistentSearchChangeType.DELETE), true);
            awaitWatching(writer, w);
            writer.modify("uid=bob," + PEOPLE, new Modification(ModificationType.REPLACE, "description", "x"));
            writer.delete("uid=carol," + PEOPLE);
            assertThat(w.next().getDN()).isEqualTo("uid=carol," + PEOPLE); // neither the entries nor the modify
            assertThat(w.entries.poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void theNumberOfWatchersIsBounded() throws Exception {
        try (TestServer s = TestServer.memory("extensions: {persistentSearches: 2}\n")
                        .loadResource("sample.ldif");
                LDAPConnection c =
                        new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            Watcher first = watch(c, "(uid=alice)", EnumSet.allOf(PersistentSearchChangeType.class), true);
            Watcher second = watch(c, "(uid=bob)", EnumSet.allOf(PersistentSearchChangeType.class), true);
            Thread.sleep(300); // both are waiting for changes
            Watcher third = watch(c, "(uid=carol)", EnumSet.allOf(PersistentSearchChangeType.class), true);
            assertThat(third.done.get(WAIT, TimeUnit.SECONDS).getResultCode()).isEqualTo(ResultCode.BUSY);
            c.abandon(first.id);
            Thread.sleep(1500); // the abandoned watcher notices within a second
            Watcher fourth = watch(c, "(uid=carol)", EnumSet.allOf(PersistentSearchChangeType.class), true);
            Thread.sleep(300);
            assertThat(fourth.done).isNotDone(); // room again
            c.abandon(second.id);
            c.abandon(fourth.id);
        }
    }
}
