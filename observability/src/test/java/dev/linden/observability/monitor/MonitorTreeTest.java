package dev.linden.observability.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonitorTreeTest {
    @Test
    void detectionNamesBecomeEntryTitles() {
        assertThat(MonitorTree.title("password_spray")).isEqualTo("Password Spray");
    }
}
