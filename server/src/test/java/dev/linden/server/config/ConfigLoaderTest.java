package dev.linden.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.backend.IndexKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    @Test
    void theCommentedTemplateLoads() throws Exception {
        Settings s = ConfigLoader.load(Path.of("../docs/linden.yaml"));
        assertThat(s.port()).isEqualTo(389);
        assertThat(s.suffix()).isEqualTo("dc=example,dc=com");
        assertThat(s.indexes().get("cn")).containsExactlyInAnyOrder(IndexKind.EQUALITY, IndexKind.SUBSTRING);
        assertThat(s.transport().maxPduAnonymousBytes()).isEqualTo(262144);
        assertThat(s.anonymousRead()).isFalse();
    }

    @Test
    void defaultsApplyToAMinimalFile() throws Exception {
        Settings s = ConfigLoader.parse("rootPassword: x\n", "min.yaml");
        assertThat(s.rootDn()).isEqualTo("cn=admin,dc=example,dc=com");
        assertThat(s.storage()).isEqualTo("lmdb");
        assertThat(s.passwordScheme()).isEqualTo("ARGON2");
        assertThat(s.sizeLimit()).isEqualTo(500);
    }

    @Test
    void unknownKeyNamesFileLineAndKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nlisten:\n  prot: 389\n", "bad.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad.yaml:3").hasMessageContaining("prot");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nlisten: {port: 70000}\n", "p.yaml"))
                .hasMessageContaining("listen.port");
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nlimits: {maxConnections: 0}\n", "l.yaml"))
                .hasMessageContaining("limits.maxConnections");
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nindexes: {cn: [fuzzy]}\n", "i.yaml"))
                .hasMessageContaining("indexes.cn").hasMessageContaining("fuzzy");
        assertThatThrownBy(() -> ConfigLoader.parse("suffix: dc=x\n", "r.yaml")).hasMessageContaining("rootPassword");
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nlimits: {sizeLimit: lots}\n", "t.yaml"))
                .hasMessageContaining("t.yaml:2");
    }
}
