package dev.linden.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionCapacityTest {
    @Test
    void aShareOfTheOpenFilesIsKeptForEverythingElse() {
        assertThat(ConnectionCapacity.forFiles(1024)).isEqualTo(768); // at least 256 kept
        assertThat(ConnectionCapacity.forFiles(20_000)).isEqualTo(19_375); // 1/32 kept
        assertThat(ConnectionCapacity.forFiles(1 << 20)).isEqualTo((1 << 20) - (1 << 15));
    }

    @Test
    void theDefaultFollowsThisProcesssLimitAndHeap() {
        long files = ConnectionCapacity.openFileLimit()[0];
        long byHeap = Runtime.getRuntime().maxMemory() / ConnectionCapacity.HEAP_PER_CONNECTION;
        assertThat((long) ConnectionCapacity.defaultMaxConnections())
                .isEqualTo(Math.max(64, Math.min(ConnectionCapacity.forFiles(files), byHeap)));
        assertThat(ConnectionCapacity.openFileLimit()[0]).isLessThanOrEqualTo(ConnectionCapacity.openFileLimit()[1]);
    }
}
