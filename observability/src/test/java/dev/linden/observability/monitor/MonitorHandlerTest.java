package dev.linden.observability.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonitorHandlerTest {
    @Test
    void onlyNamesEndingInMonitorAreLookedAtTwice() {
        assertThat(MonitorHandler.endsWithMonitor("cn=Monitor")).isTrue();
        assertThat(MonitorHandler.endsWithMonitor("cn=Current,cn=Connections,CN=MONITOR  ")).isTrue();
        assertThat(MonitorHandler.endsWithMonitor("uid=user.1,ou=people,dc=example,dc=com")).isFalse();
        assertThat(MonitorHandler.endsWithMonitor("")).isFalse();
        assertThat(MonitorTree.title("password_spray")).isEqualTo("Password Spray");
    }
}
