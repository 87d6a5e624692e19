package dev.linden.server;

import static dev.linden.server.EmbeddedPipeline.pdu;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedResponseProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.sdk.ResultCode;
import dev.linden.server.tls.SelfSignedCertificate;
import dev.linden.server.tls.TlsContext;
import dev.linden.server.tls.TlsSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * StartTLS on the pipeline (RFC 4511 4.14, RFC 4513 3): the success response leaves in clear, then TLS
 * is the first handler, and nothing the client sent in clear after its request is read — a request
 * injected on the way would otherwise be answered inside the protected session. The client side is
 * Netty's own TLS handler on a second EmbeddedChannel, the two joined by the test.
 */
class StartTlsPipelineTest {
    private static final String START_TLS = "1.3.6.1.4.1.1466.20037";

    @TempDir
    static Path folder;

    private static TlsContext tls;
    private static SelfSignedCertificate.PemFiles pem;
    private EmbeddedPipeline pipeline;

    @BeforeAll
    static void certificate() throws Exception {
        pem = SelfSignedCertificate.ensure(folder.resolve("tls"));
        tls = new TlsContext(new TlsSettings(
                pem.certificate(), pem.privateKey(), null, null, TlsSettings.ClientAuth.NONE, null, true));
    }

    @AfterEach
    void close() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static byte[] startTls(int messageId) {
        return pdu(messageId, new ExtendedRequestProtocolOp(START_TLS, null));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void assertStartTlsSucceeded(LDAPMessage response, int messageId) {
        assertThat(response.getMessageID()).isEqualTo(messageId);
        ExtendedResponseProtocolOp op = response.getExtendedResponseProtocolOp();
        assertThat(op.getResultCode()).isEqualTo(ResultCode.SUCCESS_INT_VALUE);
        assertThat(op.getResponseOID()).isEqualTo(START_TLS);
    }

    @Test
    void theResponseGoesOutInClearThenTlsIsFirstAndRequestsAreAnsweredThroughIt() throws Exception {
        pipeline = new EmbeddedPipeline(64, tls);
        List<LDAPMessage> clear = pipeline.exchange(startTls(1));
        assertThat(clear).hasSize(1); // readable by a client that has not started TLS yet
        assertStartTlsSucceeded(clear.get(0), 1);
        assertThat(pipeline.channel.pipeline().first()).isInstanceOf(SslHandler.class);
        assertThat(pipeline.channel.pipeline().names().get(0)).isEqualTo(StartTls.HANDLER_NAME);

        TlsClient client = new TlsClient(pipeline);
        client.handshake();
        List<LDAPMessage> answers = client.exchange(PipelineFramingTest.rootDseSearch(2, 100));
        assertThat(answers).extracting(LDAPMessage::getMessageID).containsExactly(2, 2);
        assertThat(answers.get(1).getSearchResultDoneProtocolOp().getResultCode())
                .isEqualTo(ResultCode.SUCCESS_INT_VALUE);
        // and a second StartTLS inside TLS is refused
        List<LDAPMessage> again = client.exchange(startTls(3));
        assertThat(again.get(0).getExtendedResponseProtocolOp().getResultCode())
                .isEqualTo(ResultCode.OPERATIONS_ERROR_INT_VALUE);
        client.close();
    }

    @Test
    void aRequestSentInClearBehindStartTlsInTheSameReadIsNeverAnswered() throws Exception {
        pipeline = new EmbeddedPipeline(64, tls);
        pipeline.receive(concat(startTls(1), PipelineFramingTest.rootDseSearch(2, 90)));
        assertThat(pipeline.waitingOperations())
                .as("the search never reached the dispatcher")
                .isZero();
        pipeline.runOperations();
        List<LDAPMessage> clear = pipeline.responses();
        assertThat(clear).hasSize(1);
        assertStartTlsSucceeded(clear.get(0), 1);
        assertThat(pipeline.isOpen())
                .as("a client that sends in clear after StartTLS is cut off")
                .isFalse();
    }

    @Test
    void requestsHeldBackBehindStartTlsAreDroppedWhenItIsAnswered() throws Exception {
        // one request outstanding at most: StartTLS and the search behind it wait in the gate
        pipeline = new EmbeddedPipeline(1, tls);
        pipeline.receive(
                concat(PipelineFramingTest.workerSearch(1, 90), startTls(2), PipelineFramingTest.rootDseSearch(3, 90)));
        assertThat(pipeline.waitingOperations()).isEqualTo(1);
        pipeline.runOperations(); // the first search is answered, which lets StartTLS through
        List<LDAPMessage> clear = pipeline.responses();
        assertThat(clear).extracting(LDAPMessage::getMessageID).containsExactly(1, 1, 2);
        assertStartTlsSucceeded(clear.get(2), 2);
        assertThat(pipeline.waitingOperations())
                .as("the search held behind StartTLS was dropped")
                .isZero();
        assertThat(pipeline.isOpen()).isFalse();
    }

    @Test
    void startTlsWhileAnOperationIsOutstandingIsRefusedAndTheConnectionStaysInClear() throws Exception {
        pipeline = new EmbeddedPipeline(64, tls);
        pipeline.receive(concat(PipelineFramingTest.workerSearch(1, 90), startTls(2)));
        List<LDAPMessage> refused = pipeline.responses(); // StartTLS is answered on the network thread, at once
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).getMessageID()).isEqualTo(2);
        assertThat(refused.get(0).getExtendedResponseProtocolOp().getResultCode())
                .isEqualTo(ResultCode.OPERATIONS_ERROR_INT_VALUE);
        assertThat(pipeline.channel.pipeline().get(StartTls.HANDLER_NAME)).isNull();
        pipeline.runOperations();
        assertThat(pipeline.responses()).extracting(LDAPMessage::getMessageID).containsExactly(1, 1);
        assertThat(pipeline.exchange(PipelineFramingTest.rootDseSearch(3, 90)))
                .extracting(LDAPMessage::getMessageID)
                .containsExactly(3, 3);
    }

    @Test
    void cleartextArrivingAfterStartTlsGoesToTlsAndTheHandshakeTimesOut() throws Exception {
        pipeline = new EmbeddedPipeline(64, tls);
        assertStartTlsSucceeded(pipeline.exchange(startTls(1)).get(0), 1);
        assertThat(pipeline.exchange(PipelineFramingTest.rootDseSearch(2, 90))).isEmpty();
        assertThat(pipeline.waitingOperations())
                .as("TLS took the bytes: no LDAP request was read")
                .isZero();
        pipeline.channel.advanceTimeBy(11, TimeUnit.SECONDS); // past the handshake's 10 seconds
        pipeline.channel.runScheduledPendingTasks();
        assertThat(pipeline.isOpen()).isFalse();
    }

    /** Netty's client TLS handler on its own EmbeddedChannel, its records carried to and from the pipeline by hand. */
    private static final class TlsClient {
        private final EmbeddedPipeline server;
        private final EmbeddedChannel channel;
        private final ByteArrayOutputStream unread = new ByteArrayOutputStream();

        TlsClient(EmbeddedPipeline server) throws Exception {
            this.server = server;
            SslHandler ssl = SslContextBuilder.forClient()
                    .trustManager(pem.certificate().toFile())
                    .build()
                    .newHandler(ByteBufAllocator.DEFAULT);
            this.channel = new EmbeddedChannel(ssl);
        }

        void handshake() {
            SslHandler ssl = channel.pipeline().get(SslHandler.class);
            carry();
            assertThat(ssl.handshakeFuture().isSuccess())
                    .as("handshake: %s", ssl.handshakeFuture().cause())
                    .isTrue();
        }

        /** Sends a request through TLS; returns what came back, decrypted. */
        List<LDAPMessage> exchange(byte[] request) {
            channel.writeOutbound(Unpooled.wrappedBuffer(request));
            carry();
            for (Object o; (o = channel.readInbound()) != null; ) {
                ByteBuf b = (ByteBuf) o;
                byte[] bytes = new byte[b.readableBytes()];
                b.readBytes(bytes);
                b.release();
                unread.writeBytes(bytes);
            }
            return EmbeddedPipeline.decode(unread);
        }

        /** Carries records both ways until neither side has anything more to say. */
        private void carry() {
            boolean moved = true;
            while (moved) {
                moved = false;
                for (Object o; (o = channel.readOutbound()) != null; ) {
                    ByteBuf b = (ByteBuf) o;
                    byte[] bytes = new byte[b.readableBytes()];
                    b.readBytes(bytes);
                    b.release();
                    server.receive(bytes);
                    moved = true;
                }
                server.runOperations();
                for (ByteBuf b : server.sent()) {
                    channel.writeInbound(b);
                    moved = true;
                }
            }
        }

        void close() {
            channel.finishAndReleaseAll();
        }
    }
}
