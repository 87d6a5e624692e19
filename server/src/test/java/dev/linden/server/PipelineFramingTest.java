package dev.linden.server;

import static dev.linden.server.EmbeddedPipeline.pdu;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.CompareRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedResponseProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline fed byte by byte (see {@link EmbeddedPipeline}): a request however TCP cuts it, many in
 * one read, requests too large refused from their header before their body is buffered (a smaller
 * limit until the client binds), and malformed ones ending the connection with a Notice of
 * Disconnection.
 */
class PipelineFramingTest {
    private static final String NOTICE_OF_DISCONNECTION = "1.3.6.1.4.1.1466.20036";
    private EmbeddedPipeline pipeline;

    @BeforeEach
    void open() throws Exception {
        pipeline = new EmbeddedPipeline();
    }

    @AfterEach
    void close() {
        pipeline.close();
    }

    /** A search of the root DSE whose encoding is {@code size} bytes long, padded with an attribute nobody defines. */
    static byte[] rootDseSearch(int messageId, int size) {
        return rootDseSearch(messageId, size, false);
    }

    /**
     * A search of the root DSE that runs on a worker: with a control (ManageDsaIT, not critical, which
     * changes nothing for the root DSE), so it is not answered on the network thread.
     */
    static byte[] workerSearch(int messageId, int size) {
        return rootDseSearch(messageId, size, true);
    }

    private static byte[] rootDseSearch(int messageId, int size, boolean control) {
        // a length past 127 or 255 takes a byte more, so some sizes cannot be reached by padding one
        // element: padding the attribute list behind a longer filter reaches them
        for (int extra = 0; extra < 3; extra++) {
            int unpadded = rootDseSearchPadded(messageId, extra, 0, control).length;
            for (int pad = Math.max(0, size - unpadded - 8); pad <= size - unpadded; pad++) {
                byte[] pdu = rootDseSearchPadded(messageId, extra, pad, control);
                if (pdu.length == size) {
                    return pdu;
                }
            }
        }
        throw new IllegalArgumentException("no search of exactly " + size + " bytes");
    }

    private static byte[] rootDseSearchPadded(int messageId, int extra, int pad, boolean control) {
        Filter present = Filter.createPresenceFilter("objectClass");
        Filter filter = present;
        for (int i = 0; i < extra; i++) {
            filter = Filter.createANDFilter(filter, present);
        }
        List<com.unboundid.ldap.sdk.Control> controls =
                control ? List.of(new com.unboundid.ldap.sdk.controls.ManageDsaITRequestControl(false)) : List.of();
        return pdu(
                messageId,
                controls,
                new SearchRequestProtocolOp(
                        "",
                        SearchScope.BASE,
                        DereferencePolicy.NEVER,
                        0,
                        0,
                        false,
                        filter,
                        List.of("namingContexts", "x" + "y".repeat(pad))));
    }

    /** The first bytes of a PDU of {@code size} bytes in all: a SEQUENCE header with a four-byte length. */
    private static byte[] headerOf(long size) {
        long content = size - 6;
        return new byte[] {
            0x30, (byte) 0x84, (byte) (content >> 24), (byte) (content >> 16), (byte) (content >> 8), (byte) content
        };
    }

    /** The entry and the done of a root DSE search with this message ID. */
    private static void assertRootDseAnswered(List<LDAPMessage> responses, int messageId) {
        assertThat(responses).extracting(LDAPMessage::getMessageID).containsExactly(messageId, messageId);
        assertThat(responses.get(0).getSearchResultEntryProtocolOp().getAttributes())
                .anyMatch(a ->
                        a.getName().equals("namingContexts") && a.getValue().equals(EmbeddedPipeline.SUFFIX));
        assertThat(responses.get(1).getSearchResultDoneProtocolOp().getResultCode())
                .isEqualTo(ResultCode.SUCCESS_INT_VALUE);
    }

    private static void assertNoticeOfDisconnection(List<LDAPMessage> responses, String why) {
        assertThat(responses).hasSize(1);
        LDAPMessage notice = responses.get(0);
        assertThat(notice.getMessageID()).isZero();
        ExtendedResponseProtocolOp op = notice.getExtendedResponseProtocolOp();
        assertThat(op.getResponseOID()).isEqualTo(NOTICE_OF_DISCONNECTION);
        assertThat(op.getResultCode()).isEqualTo(ResultCode.PROTOCOL_ERROR_INT_VALUE);
        assertThat(op.getDiagnosticMessage()).contains(why);
    }

    @Test
    void aRequestSplitAtEveryOffsetIsAnsweredOnceWhole() {
        byte[] search = rootDseSearch(1, 300); // past 127 bytes: a length of two bytes, which can be split too
        assertThat(search[1] & 0xFF).isEqualTo(0x82);
        for (int cut = 1; cut < search.length; cut++) {
            byte[] request = rootDseSearch(cut, 300);
            pipeline.receive(Arrays.copyOfRange(request, 0, cut));
            assertThat(pipeline.waitingOperations())
                    .as("cut at %d: nothing to run before the rest arrives", cut)
                    .isZero();
            assertThat(pipeline.exchange()).isEmpty();
            assertRootDseAnswered(pipeline.exchange(Arrays.copyOfRange(request, cut, request.length)), cut);
        }
        assertThat(pipeline.isOpen()).isTrue();
    }

    @Test
    void aSearchsLastEntryGoesOutWithItsFinalResponseInOneWrite() {
        pipeline.receive(rootDseSearch(4, 100));
        pipeline.runOperations();
        List<io.netty.buffer.ByteBuf> writes = pipeline.sent();
        assertThat(writes)
                .as("one write for the entry and the done: one task for the event loop")
                .hasSize(1);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        byte[] all = new byte[writes.get(0).readableBytes()];
        writes.get(0).readBytes(all);
        writes.get(0).release();
        bytes.writeBytes(all);
        assertRootDseAnswered(EmbeddedPipeline.decode(bytes), 4);
    }

    @Test
    void aRequestOneByteAtATimeIsAnsweredAfterItsLastByte() {
        byte[] request = rootDseSearch(7, 200);
        for (int i = 0; i < request.length - 1; i++) {
            assertThat(pipeline.exchange(new byte[] {request[i]})).isEmpty();
        }
        assertRootDseAnswered(pipeline.exchange(new byte[] {request[request.length - 1]}), 7);
    }

    @Test
    void manyRequestsInOneReadAreEachAnswered() {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        for (int id = 1; id <= 3; id++) {
            read.writeBytes(workerSearch(id, 100 + id));
        }
        byte[] fourth = rootDseSearch(4, 150);
        read.write(fourth, 0, 70); // and the beginning of a fourth, the rest in the next read
        pipeline.receive(read.toByteArray());
        assertThat(pipeline.waitingOperations()).isEqualTo(3);
        pipeline.runOperations();
        List<LDAPMessage> responses = pipeline.responses();
        assertThat(responses).extracting(LDAPMessage::getMessageID).containsExactly(1, 1, 2, 2, 3, 3);
        assertRootDseAnswered(pipeline.exchange(Arrays.copyOfRange(fourth, 70, fourth.length)), 4);
    }

    @Test
    void requestsPastTheOutstandingBoundWaitInOrderAndAreAllAnswered() throws Exception {
        pipeline.close();
        pipeline = new EmbeddedPipeline(2, null);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        for (int id = 1; id <= 5; id++) {
            read.writeBytes(workerSearch(id, 100));
        }
        pipeline.receive(read.toByteArray());
        assertThat(pipeline.waitingOperations())
                .as("two outstanding, three held back")
                .isEqualTo(2);
        assertThat(pipeline.channel.config().isAutoRead()).isFalse();
        pipeline.runOperations();
        List<Integer> ids = new ArrayList<>();
        pipeline.responses().forEach(m -> ids.add(m.getMessageID()));
        assertThat(ids).containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
        assertThat(pipeline.channel.config().isAutoRead()).isTrue();
    }

    @Test
    void anOversizedRequestIsRefusedFromItsHeaderBeforeItsBodyArrives() {
        // a header announcing 2 GB: refused at once, nothing of the body is waited for or buffered
        assertNoticeOfDisconnection(
                pipeline.exchange(headerOf(2L << 30)), "exceeds the limit of " + EmbeddedPipeline.MAX_PDU_ANONYMOUS);
        assertThat(pipeline.isOpen()).isFalse();
    }

    @Test
    void beforeABindTheSmallerLimitHoldsAndAfterItTheLargerOne() throws Exception {
        int anonymous = EmbeddedPipeline.MAX_PDU_ANONYMOUS;
        assertRootDseAnswered(pipeline.exchange(rootDseSearch(1, anonymous)), 1);
        byte[] tooLarge = rootDseSearch(2, anonymous + 1);
        assertNoticeOfDisconnection(
                pipeline.exchange(Arrays.copyOf(tooLarge, 4)), "request of " + (anonymous + 1) + " bytes");
        assertThat(pipeline.isOpen()).isFalse();

        pipeline.close();
        pipeline = new EmbeddedPipeline();
        List<LDAPMessage> bound = pipeline.exchange(
                pdu(1, new BindRequestProtocolOp(EmbeddedPipeline.ADMIN, EmbeddedPipeline.ADMIN_PASSWORD)));
        assertThat(bound.get(0).getBindResponseProtocolOp().getResultCode()).isEqualTo(ResultCode.SUCCESS_INT_VALUE);
        assertRootDseAnswered(pipeline.exchange(rootDseSearch(2, 20 * anonymous)), 2);
        assertRootDseAnswered(pipeline.exchange(rootDseSearch(3, EmbeddedPipeline.MAX_PDU)), 3);
        // one byte more than the bound limit: refused from the header too
        assertNoticeOfDisconnection(
                pipeline.exchange(headerOf(EmbeddedPipeline.MAX_PDU + 1)),
                "request of " + (EmbeddedPipeline.MAX_PDU + 1) + " bytes exceeds the limit of "
                        + EmbeddedPipeline.MAX_PDU);
    }

    @Test
    void somethingThatIsNoLdapMessageEndsTheConnectionWithANotice() {
        assertNoticeOfDisconnection(
                pipeline.exchange(new byte[] {0x04, 0x03, 'a', 'b', 'c'}), "must start with a SEQUENCE");
        assertThat(pipeline.isOpen()).isFalse();
    }

    @Test
    void anIndefiniteLengthEndsTheConnectionWithANotice() {
        assertNoticeOfDisconnection(
                pipeline.exchange(new byte[] {0x30, (byte) 0x80, 0x02, 0x01, 0x01, 0x00, 0x00}), "indefinite length");
        assertThat(pipeline.isOpen()).isFalse();
    }

    @Test
    void aWellFramedMalformedRequestEndsTheConnectionAndWhatFollowsItIsNotRead() {
        byte[] first = workerSearch(1, 100);
        byte[] malformed = {0x30, 0x03, 0x02, 0x01, 0x02}; // a message ID and no operation
        byte[] after =
                pdu(3, new CompareRequestProtocolOp(EmbeddedPipeline.SUFFIX, "dc", new ASN1OctetString("example")));
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        read.writeBytes(first);
        read.writeBytes(malformed);
        read.writeBytes(after);
        pipeline.receive(read.toByteArray());
        assertThat(pipeline.waitingOperations())
                .as("only the request before the malformed one was taken")
                .isEqualTo(1);
        assertNoticeOfDisconnection(pipeline.responses(), "malformed request");
        assertThat(pipeline.isOpen()).isFalse();
        pipeline.runOperations();
        assertThat(pipeline.responses())
                .as("nothing more on a closed connection")
                .isEmpty();
    }
}
