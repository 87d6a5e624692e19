package dev.linden.server;

import static dev.linden.server.EmbeddedPipeline.pdu;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.protocol.AddRequestProtocolOp;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests answered on the connection's network thread (LdapRequestHandler.runHere): a quick search or
 * bind without a worker, and one that turns out not to be quick (too many entries to examine, too many
 * bytes to send, a failed bind to record) moved to a worker and answered there once, whole.
 */
class NetworkThreadRequestsTest {
    private EmbeddedPipeline pipeline;

    @BeforeEach
    void open() throws Exception {
        pipeline = new EmbeddedPipeline();
    }

    @AfterEach
    void close() {
        pipeline.close();
    }

    private static byte[] oneLevel(int messageId) {
        return pdu(
                messageId,
                new SearchRequestProtocolOp(
                        EmbeddedPipeline.SUFFIX,
                        SearchScope.ONE,
                        DereferencePolicy.NEVER,
                        0,
                        0,
                        false,
                        Filter.createPresenceFilter("objectClass"),
                        List.of("cn", "description")));
    }

    /** Binds as the administrator and adds {@code count} people under the suffix, each with a description of {@code size} bytes. */
    private void addPeople(int count, int size) {
        List<LDAPMessage> bound = pipeline.exchange(
                pdu(1, new BindRequestProtocolOp(EmbeddedPipeline.ADMIN, EmbeddedPipeline.ADMIN_PASSWORD)));
        assertThat(bound.get(0).getBindResponseProtocolOp().getResultCode()).isEqualTo(ResultCode.SUCCESS_INT_VALUE);
        for (int i = 0; i < count; i++) {
            List<LDAPMessage> added = pipeline.exchange(pdu(
                    10 + i,
                    new AddRequestProtocolOp(
                            "cn=p" + i + "," + EmbeddedPipeline.SUFFIX,
                            List.of(
                                    new Attribute("objectClass", "person"),
                                    new Attribute("cn", "p" + i),
                                    new Attribute("sn", "P"),
                                    new Attribute("description", "d".repeat(size))))));
            assertThat(added.get(0).getAddResponseProtocolOp().getResultCode()).isEqualTo(ResultCode.SUCCESS_INT_VALUE);
        }
    }

    @Test
    void aQuickSearchIsAnsweredAtOnceWithoutAWorkerInOneWrite() {
        pipeline.receive(PipelineFramingTest.rootDseSearch(1, 90));
        assertThat(pipeline.waitingOperations())
                .as("nothing handed to a worker")
                .isZero();
        List<io.netty.buffer.ByteBuf> writes = pipeline.sent();
        assertThat(writes).as("the entry and the done in one write").hasSize(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] all = new byte[writes.get(0).readableBytes()];
        writes.get(0).readBytes(all);
        writes.get(0).release();
        bytes.writeBytes(all);
        assertThat(EmbeddedPipeline.decode(bytes))
                .extracting(LDAPMessage::getMessageID)
                .containsExactly(1, 1);
    }

    @Test
    void aSearchReadWhileAnotherIsInFlightGoesToAWorker() {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        read.writeBytes(PipelineFramingTest.workerSearch(1, 90));
        read.writeBytes(PipelineFramingTest.rootDseSearch(2, 90));
        pipeline.receive(read.toByteArray());
        assertThat(pipeline.waitingOperations()).isEqualTo(2);
        assertThat(pipeline.responses()).isEmpty();
        pipeline.runOperations();
        assertThat(pipeline.responses()).extracting(LDAPMessage::getMessageID).containsExactly(1, 1, 2, 2);
    }

    @Test
    void aSearchThatWouldExamineManyEntriesMovesToAWorkerAndIsAnsweredOnce() {
        addPeople(40, 10); // past the 32 entries a search may examine on the network thread
        pipeline.receive(oneLevel(100));
        assertThat(pipeline.waitingOperations()).as("moved to a worker").isEqualTo(1);
        assertThat(pipeline.responses()).as("nothing sent by the attempt").isEmpty();
        pipeline.runOperations();
        List<LDAPMessage> answer = pipeline.responses();
        assertThat(answer).hasSize(42); // uid=alice, the 40 people and the done
        assertThat(answer.stream()
                        .filter(m -> m.getProtocolOpType() == LDAPMessage.PROTOCOL_OP_TYPE_SEARCH_RESULT_ENTRY))
                .extracting(m -> m.getSearchResultEntryProtocolOp().getDN())
                .doesNotHaveDuplicates()
                .hasSize(41);
        assertThat(answer.get(41).getSearchResultDoneProtocolOp().getResultCode())
                .isEqualTo(ResultCode.SUCCESS_INT_VALUE);
    }

    @Test
    void aSearchWhoseAnswerPassesTheByteBoundMovesToAWorkerAndIsAnsweredOnce() {
        addPeople(3, 30_000); // three entries: few to examine, 90 KB to send
        pipeline.receive(oneLevel(100));
        assertThat(pipeline.waitingOperations()).isEqualTo(1);
        assertThat(pipeline.responses()).isEmpty();
        pipeline.runOperations();
        List<LDAPMessage> answer = pipeline.responses();
        assertThat(answer)
                .extracting(LDAPMessage::getMessageID)
                .containsOnly(100)
                .hasSize(5);
        assertThat(answer.stream()
                        .filter(m -> m.getProtocolOpType() == LDAPMessage.PROTOCOL_OP_TYPE_SEARCH_RESULT_ENTRY))
                .extracting(m -> m.getSearchResultEntryProtocolOp().getDN())
                .doesNotHaveDuplicates();
        // and a quick one right after is answered here again
        pipeline.receive(PipelineFramingTest.rootDseSearch(101, 90));
        assertThat(pipeline.waitingOperations()).isZero();
        assertThat(pipeline.responses()).extracting(LDAPMessage::getMessageID).containsExactly(101, 101);
    }

    @Test
    void aCompareStillRunsOnAWorker() {
        pipeline.receive(pdu(
                1,
                new com.unboundid.ldap.protocol.CompareRequestProtocolOp(
                        EmbeddedPipeline.SUFFIX, "dc", new ASN1OctetString("example"))));
        assertThat(pipeline.waitingOperations()).isEqualTo(1);
        pipeline.runOperations();
        List<LDAPMessage> answer = pipeline.responses();
        assertThat(answer).hasSize(1);
        assertThat(answer.get(0).getProtocolOpType()).isEqualTo(LDAPMessage.PROTOCOL_OP_TYPE_COMPARE_RESPONSE);
    }

    private static byte[] bind(int messageId, String dn, String password) {
        return pdu(messageId, new BindRequestProtocolOp(dn, password));
    }

    @Test
    void aBindWithTheRightPasswordIsAnsweredWithoutAWorker() {
        pipeline.receive(bind(1, "uid=alice," + EmbeddedPipeline.SUFFIX, "alice-password"));
        assertThat(pipeline.waitingOperations()).isZero();
        List<LDAPMessage> answer = pipeline.responses();
        assertThat(answer).hasSize(1);
        assertThat(answer.get(0).getBindResponseProtocolOp().getResultCode()).isEqualTo(ResultCode.SUCCESS_INT_VALUE);
        // bound: alice reads her own entry (anonymous reads are refused)
        assertThat(pipeline.exchange(pdu(
                        2,
                        new SearchRequestProtocolOp(
                                "uid=alice," + EmbeddedPipeline.SUFFIX,
                                SearchScope.BASE,
                                DereferencePolicy.NEVER,
                                0,
                                0,
                                false,
                                Filter.createPresenceFilter("objectClass"),
                                List.of("uid")))))
                .extracting(LDAPMessage::getProtocolOpType)
                .containsExactly(
                        LDAPMessage.PROTOCOL_OP_TYPE_SEARCH_RESULT_ENTRY,
                        LDAPMessage.PROTOCOL_OP_TYPE_SEARCH_RESULT_DONE);
    }

    @Test
    void aFailedBindMovesToAWorkerWhichRecordsItOnce() {
        pipeline.receive(bind(1, "uid=alice," + EmbeddedPipeline.SUFFIX, "wrong-password"));
        assertThat(pipeline.waitingOperations())
                .as("a failure is recorded (a write): on a worker")
                .isEqualTo(1);
        assertThat(pipeline.responses()).isEmpty();
        pipeline.runOperations();
        List<LDAPMessage> answer = pipeline.responses();
        assertThat(answer).hasSize(1);
        assertThat(answer.get(0).getBindResponseProtocolOp().getResultCode())
                .isEqualTo(ResultCode.INVALID_CREDENTIALS_INT_VALUE);
        // this directory's policy keeps no failures (no lockout): the next good bind is quick again
        pipeline.receive(bind(2, "uid=alice," + EmbeddedPipeline.SUFFIX, "alice-password"));
        assertThat(pipeline.waitingOperations()).isZero();
        assertThat(pipeline.responses().get(0).getBindResponseProtocolOp().getResultCode())
                .isEqualTo(ResultCode.SUCCESS_INT_VALUE);
    }
}
