package dev.linden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.core.Session;
import dev.linden.protocol.LdapEncoder;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.op.AbandonRequest;
import dev.linden.protocol.op.CompareRequest;
import dev.linden.protocol.op.UnbindRequest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate on Netty's EmbeddedChannel: requests past the bound wait, in order, and reading stops until answers go out. */
class RequestGateTest {
    /** Stands for the request handler: every request it receives is outstanding until the test answers it. */
    private static final class Outstanding extends ChannelInboundHandlerAdapter {
        final List<Object> received = new ArrayList<>();
        Connection connection;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object pdu) {
            received.add(pdu);
            connection.outstanding++;
        }
    }

    @Test
    void requestsPastTheBoundWaitAndReadingStopsUntilAnswersGoOut() {
        RequestGate gate = new RequestGate(2);
        Outstanding handler = new Outstanding();
        EmbeddedChannel channel = new EmbeddedChannel(gate, handler);
        handler.connection = new Connection(new Session(1, "127.0.0.1:1"), channel, null);
        channel.attr(Connection.KEY).set(handler.connection);

        channel.writeInbound("r1", "r2");
        assertThat(handler.received).containsExactly("r1", "r2");
        assertThat(channel.config().isAutoRead())
                .as("the bound reached: stop reading")
                .isFalse();
        channel.writeInbound("r3", "r4"); // what the last read had already brought in
        assertThat(handler.received).containsExactly("r1", "r2");
        assertThat(gate.held()).isEqualTo(2);

        answer(handler, gate);
        assertThat(handler.received).containsExactly("r1", "r2", "r3");
        assertThat(channel.config().isAutoRead()).isFalse();
        answer(handler, gate);
        answer(handler, gate);
        assertThat(handler.received).containsExactly("r1", "r2", "r3", "r4");
        assertThat(gate.held()).isZero();
        assertThat(channel.config().isAutoRead())
                .as("below the bound, nothing held: read again")
                .isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void heldRequestsDiscardedForStartTlsAreNeverPassedOn() {
        RequestGate gate = new RequestGate(1);
        Outstanding handler = new Outstanding();
        EmbeddedChannel channel = new EmbeddedChannel(gate, handler);
        handler.connection = new Connection(new Session(1, "127.0.0.1:1"), channel, null);
        channel.attr(Connection.KEY).set(handler.connection);

        channel.writeInbound("startTls", "sentInClearAfterIt", "andAnother");
        assertThat(gate.held()).isEqualTo(2);
        assertThat(gate.discardHeld()).isEqualTo(2);
        answer(handler, gate);
        assertThat(handler.received).containsExactly("startTls");
        assertThat(channel.config().isAutoRead())
                .as("nothing held: read again, now through TLS")
                .isTrue();
        channel.finishAndReleaseAll();
    }

    private static void answer(Outstanding handler, RequestGate gate) {
        handler.connection.outstanding--;
        gate.answered();
    }

    @Test
    void abandonAndUnbindAreNeverHeld() {
        RequestGate gate = new RequestGate(1);
        Outstanding handler = new Outstanding();
        EmbeddedChannel channel = new EmbeddedChannel(gate, handler);
        handler.connection = new Connection(new Session(1, "127.0.0.1:1"), channel, null);
        channel.attr(Connection.KEY).set(handler.connection);
        byte[] compare =
                LdapEncoder.encode(new LdapMessage(1, new CompareRequest("dc=example,dc=com", "dc", new byte[] {'x'})));
        byte[] compareAgain =
                LdapEncoder.encode(new LdapMessage(2, new CompareRequest("dc=example,dc=com", "dc", new byte[1])));
        byte[] abandon = LdapEncoder.encode(new LdapMessage(300, new AbandonRequest(1)));
        byte[] unbind = LdapEncoder.encode(new LdapMessage(70_000, new UnbindRequest()));

        channel.writeInbound(compare, compareAgain, abandon, unbind);
        assertThat(handler.received).containsExactly(compare, abandon, unbind);
        assertThat(gate.held()).isEqualTo(1);
        assertThat(RequestGate.isAbandonOrUnbind(compare)).isFalse();
        assertThat(RequestGate.isAbandonOrUnbind(new byte[] {0x30})).isFalse();
        assertThat(RequestGate.isAbandonOrUnbind(new byte[] {0x30, 0x03, 0x02, 0x05, 0x01}))
                .as("truncated")
                .isFalse();
        channel.finishAndReleaseAll();
    }
}
