package dev.linden.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.core.ExtensionSettings;
import dev.linden.core.Oids;
import dev.linden.core.Session;
import dev.linden.core.ppolicy.Policy;
import dev.linden.protocol.Control;
import dev.linden.protocol.DerefAliases;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import dev.linden.protocol.filter.FilterText;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.SearchRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sorting and virtual list views over 2,000 people: a client scrolling with its context ID is served
 * from the list made by its first request (the store is not walked again), the lists a connection
 * keeps are bounded, and a sort past the configured limit is refused to all but the administrator.
 */
class SortedSearchTest {
    private static final int PEOPLE = 2_000;
    private DispatcherHarness h;

    @BeforeEach
    void setUp() throws Exception {
        StringBuilder ldif = new StringBuilder("""
                dn: dc=example,dc=com
                objectClass: domain
                dc: example

                dn: ou=people,dc=example,dc=com
                objectClass: organizationalUnit
                ou: people
                """);
        for (int i = 0; i < PEOPLE; i++) {
            // numbered in an order unlike the sort's, so that sorting is seen to happen
            int n = (i * 7919) % PEOPLE;
            ldif.append("\ndn: uid=u")
                    .append(i)
                    .append(",ou=people,dc=example,dc=com\nobjectClass: inetOrgPerson\n")
                    .append("uid: u")
                    .append(i)
                    .append("\ncn: U")
                    .append(i)
                    .append("\nsn: ")
                    .append(String.format("S%05d", n))
                    .append("\nuserPassword: pw\n");
        }
        h = new DispatcherHarness(
                Policy.DEFAULT, ldif.toString(), new ExtensionSettings(List.of(), 10_000, 300, 3, 100, 1_000));
    }

    private Session admin() {
        Session s = h.connect();
        assertThat(h.send(
                                s,
                                BindRequest.simple(
                                        DispatcherHarness.ADMIN,
                                        DispatcherHarness.ADMIN_PASSWORD.getBytes(StandardCharsets.UTF_8)))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
        return s;
    }

    private static SearchRequest people() throws Exception {
        return new SearchRequest(
                "ou=people,dc=example,dc=com",
                SearchScope.ONE,
                DerefAliases.NEVER,
                0,
                0,
                false,
                FilterText.parse("(objectClass=inetOrgPerson)"),
                List.of("sn"));
    }

    private static Control sortBySn() {
        byte[] v = new BerWriter()
                .begin(BerTags.SEQUENCE)
                .begin(BerTags.SEQUENCE)
                .string("sn")
                .string(0x80, "caseIgnoreOrderingMatch")
                .end()
                .end()
                .toByteArray();
        return new Control(Oids.SORT_REQUEST, true, v);
    }

    private static Control vlv(int before, int after, int offset, byte[] context) {
        BerWriter w = new BerWriter()
                .begin(BerTags.SEQUENCE)
                .integer(before)
                .integer(after)
                .begin(0xa0)
                .integer(offset)
                .integer(0)
                .end();
        if (context != null) {
            w.octetString(context);
        }
        return new Control(Oids.VLV_REQUEST, true, w.end().toByteArray());
    }

    /** The context ID of a VLV response. */
    private static byte[] context(DispatcherHarness.Reply reply) throws Exception {
        for (Control c : reply.done().controls()) {
            if (c.oid().equals(Oids.VLV_RESPONSE)) {
                BerReader r = new BerReader(c.value()).readSequence(BerTags.SEQUENCE);
                r.readInteger();
                r.readInteger();
                r.readInteger(BerTags.ENUMERATED);
                return r.hasMore() ? r.readOctetString() : null;
            }
        }
        return null;
    }

    private static List<String> sns(DispatcherHarness.Reply reply) {
        List<String> out = new ArrayList<>();
        reply.entries()
                .forEach(e -> e.attributes()
                        .forEach(a -> out.add(new String(a.values().get(0), StandardCharsets.UTF_8))));
        return out;
    }

    private long walks() {
        var c = h.directory.backend().searchCounters();
        return c.indexedCount() + c.unindexedCount() + c.scopedCount();
    }

    @Test
    void scrollingWithTheContextIdServesFromTheListWithoutWalkingAgain() throws Exception {
        Session s = admin();
        DispatcherHarness.Reply first = h.send(s, people(), sortBySn(), vlv(0, 9, 1, null));
        assertThat(sns(first))
                .containsExactly(
                        "S00000", "S00001", "S00002", "S00003", "S00004", "S00005", "S00006", "S00007", "S00008",
                        "S00009");
        byte[] context = context(first);
        assertThat(context).isNotNull();
        long walked = walks();
        for (int offset = 11; offset <= PEOPLE; offset += 100) {
            DispatcherHarness.Reply page = h.send(s, people(), sortBySn(), vlv(0, 1, offset, context));
            assertThat(page.result().code()).isEqualTo(ResultCode.SUCCESS);
            assertThat(sns(page).get(0)).isEqualTo(String.format("S%05d", offset - 1));
        }
        assertThat(walks()).as("scrolling walked the store again").isEqualTo(walked);
    }

    @Test
    void aConnectionKeepsABoundedNumberOfLists() throws Exception {
        Session s = admin();
        byte[] oldest = context(h.send(s, people(), sortBySn(), vlv(0, 0, 1, null)));
        for (int i = 0; i < 3; i++) { // vlvContexts is 3 here: the oldest is pushed out
            h.send(s, people(), sortBySn(), vlv(0, 0, 1, null));
        }
        long walked = walks();
        DispatcherHarness.Reply again = h.send(s, people(), sortBySn(), vlv(0, 0, 5, oldest));
        assertThat(sns(again)).containsExactly("S00004");
        assertThat(walks()).as("a list pushed out is made again").isGreaterThan(walked);
    }

    @Test
    void aSortPastTheLimitIsRefusedToUsersNotToTheAdministrator() throws Exception {
        Session user = h.connect();
        assertThat(h.send(
                                user,
                                BindRequest.simple(
                                        "uid=u1,ou=people,dc=example,dc=com", "pw".getBytes(StandardCharsets.UTF_8)))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
        DispatcherHarness.Reply refused = h.send(user, people(), sortBySn());
        assertThat(refused.result().code())
                .isEqualTo(ResultCode.ADMIN_LIMIT_EXCEEDED); // the sort limit (300) before the size limit (500)
        assertThat(refused.entries()).isEmpty();
        DispatcherHarness.Reply all = h.send(admin(), people(), sortBySn());
        assertThat(all.result().code()).isEqualTo(ResultCode.SUCCESS);
        assertThat(sns(all)).hasSize(PEOPLE).isSorted();
    }
}
