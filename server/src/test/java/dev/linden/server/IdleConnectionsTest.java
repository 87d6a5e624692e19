package dev.linden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.core.Session;
import dev.linden.model.DnSyntax;
import dev.linden.model.schema.Schema;
import org.junit.jupiter.api.Test;

class IdleConnectionsTest {
    private static Connection connection(long id, boolean bound) throws Exception {
        Session session = new Session(id, "127.0.0.1:" + id);
        if (bound) {
            session.bind(DnSyntax.parse("uid=u" + id + ",dc=example,dc=com", Schema.standard()), false);
        }
        return new Connection(session, null, null);
    }

    @Test
    void theLongestIdleUnauthenticatedConnectionGoesFirstThenTheLongestIdleBoundOne() throws Exception {
        IdleConnections idle = new IdleConnections();
        Connection bound1 = connection(1, true);
        Connection anonymous2 = connection(2, false);
        Connection anonymous3 = connection(3, false);
        Connection bound4 = connection(4, true);
        for (Connection c : new Connection[] {bound1, anonymous2, anonymous3, bound4}) {
            idle.idle(c);
        }
        idle.idle(anonymous2); // active again: now idle for less time than anonymous3
        assertThat(idle.size()).isEqualTo(4);
        assertThat(idle.takeLongestIdle()).isSameAs(anonymous3);
        assertThat(idle.takeLongestIdle()).isSameAs(anonymous2);
        assertThat(idle.takeLongestIdle()).isSameAs(bound1);
        assertThat(idle.takeLongestIdle()).isSameAs(bound4);
        assertThat(idle.takeLongestIdle()).isNull();
    }

    @Test
    void aBusyOrClosedConnectionIsNeverTaken() throws Exception {
        IdleConnections idle = new IdleConnections();
        Connection a = connection(1, false);
        Connection b = connection(2, false);
        Connection c = connection(3, false);
        idle.idle(a);
        idle.idle(b);
        idle.idle(c);
        idle.remove(b); // an operation started
        idle.remove(a);
        idle.remove(a); // twice is harmless
        assertThat(idle.size()).isEqualTo(1);
        assertThat(idle.takeLongestIdle()).isSameAs(c);
        assertThat(idle.takeLongestIdle()).isNull();
        idle.idle(b); // its operation ended
        assertThat(idle.takeLongestIdle()).isSameAs(b);
    }
}
