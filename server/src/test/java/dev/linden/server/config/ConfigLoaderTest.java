package dev.linden.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.backend.IndexKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    @Test
    void theCommentedTemplateLoads() throws Exception {
        // the template names certificate files that do not exist here: point them at real ones
        Path dir = java.nio.file.Files.createTempDirectory("tls");
        var pem = dev.linden.server.tls.SelfSignedCertificate.ensure(dir);
        String text = java.nio.file.Files.readString(Path.of("../docs/linden.yaml"))
                .replace("/etc/linden/tls/cert.pem", pem.certificate().toString())
                .replace("/etc/linden/tls/key.pem", pem.privateKey().toString());
        Settings s = ConfigLoader.parse(text, "linden.yaml");
        assertThat(s.ldapsPort()).isEqualTo(636);
        assertThat(s.tls().certificate()).isEqualTo(pem.certificate());
        assertThat(s.security().tlsForBind()).isTrue();
        assertThat(s.security().loopbackExempt()).isFalse();
        assertThat(s.security().tlsAvailable()).isTrue();
        assertThat(s.port()).isEqualTo(389);
        assertThat(s.suffix()).isEqualTo("dc=example,dc=com");
        assertThat(s.indexes().get("cn")).containsExactlyInAnyOrder(IndexKind.EQUALITY, IndexKind.SUBSTRING);
        assertThat(s.transport().maxPduAnonymousBytes()).isEqualTo(262144);
        assertThat(s.entryCacheBytes()).as("the documented default").isEqualTo(32L << 20);
        assertThat(s.anonymousRead()).isFalse();
        assertThat(s.sasl().externalMapping()).isEqualTo(dev.linden.core.sasl.SaslConfig.ExternalMapping.SUBJECT);
        assertThat(s.sasl().proxyUsers()).isEmpty();
        assertThat(s.sasl().clientCertificates()).isFalse();
        assertThat(s.passwordPolicy()).isEqualTo(dev.linden.core.ppolicy.Policy.DEFAULT);
        assertThat(s.passwordPolicy().mustChange())
                .as("off, as OpenLDAP's pwdMustChange")
                .isFalse();
        assertThat(s.throttle()).isEqualTo(dev.linden.core.throttle.ThrottleSettings.DEFAULT);
        assertThat(s.transport().maxConnectionsPerAddress()).isEqualTo(256);
        var o = s.observability();
        assertThat(o.accessLog())
                .isEqualTo(dev.linden.observability.LogSettings.to(
                        Path.of("linden-data/logs/access.log"), dev.linden.observability.LogSettings.Format.LINE));
        assertThat(o.securityLog().format()).isEqualTo(dev.linden.observability.LogSettings.Format.JSON);
        assertThat(o.metrics()).isEqualTo(dev.linden.observability.MetricsSettings.DEFAULT);
        assertThat(o.detection()).isEqualTo(dev.linden.observability.DetectionSettings.DEFAULT);
        assertThat(o.monitor().enabled()).isTrue();
        assertThat(o.monitor().readers())
                .extracting(r -> r.group())
                .containsExactly("cn=admins,ou=groups,dc=example,dc=com");
        assertThat(s.largeValueTypes()).containsExactly("member", "uniqueMember");
        assertThat(s.largeValueThreshold()).isEqualTo(128);
    }

    @Test
    void largeValueSettings() throws Exception {
        Settings s = ConfigLoader.parse("rootPassword: x\nlargeValues: {types: [member], threshold: 0}\n", "t");
        assertThat(s.largeValueTypes()).containsExactly("member");
        assertThat(s.largeValueThreshold()).isZero();
        Settings d = ConfigLoader.parse("rootPassword: x\n", "t");
        assertThat(d.largeValueTypes()).containsExactly("member", "uniqueMember");
        assertThat(d.largeValueThreshold()).isEqualTo(128);
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nlargeValues: {threshold: -1}\n", "t"))
                .hasMessageContaining("largeValues.threshold");
    }

    @Test
    void theEntryCacheIsGivenInMebibytesAndZeroTurnsItOff() throws Exception {
        assertThat(ConfigLoader.parse("rootPassword: x\n", "t").entryCacheBytes())
                .isEqualTo(dev.linden.backend.BackendConfig.DEFAULT_ENTRY_CACHE_BYTES);
        assertThat(ConfigLoader.parse("rootPassword: x\nentryCacheMb: 200\n", "t")
                        .entryCacheBytes())
                .isEqualTo(200L << 20);
        assertThat(ConfigLoader.parse("rootPassword: x\nentryCacheMb: 0\n", "t").entryCacheBytes())
                .isZero();
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nentryCacheMb: -5\n", "t.yaml"))
                .hasMessageContaining("entryCacheMb");
    }

    @Test
    void saslSettings() throws Exception {
        Settings s = ConfigLoader.parse(
                "rootPassword: x\nsasl: {externalMapping: search, externalFilter: '(mail={email})', "
                        + "proxyUsers: ['cn=app,dc=example,dc=com']}\n",
                "t.yaml");
        assertThat(s.sasl().externalMapping()).isEqualTo(dev.linden.core.sasl.SaslConfig.ExternalMapping.SEARCH);
        assertThat(s.sasl().externalFilterFor(k -> k.equals("email") ? "a*b@example.com" : null))
                .isEqualTo("(mail=a\\2ab@example.com)");
        assertThat(s.sasl().proxyUsers()).containsExactly("cn=app,dc=example,dc=com");
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nsasl: {externalMapping: cn}\n", "t.yaml"))
                .hasMessageContaining("sasl.externalMapping");
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nsasl: {externalMapping: search}\n", "t.yaml"))
                .hasMessageContaining("externalFilter");
        assertThatThrownBy(() -> ConfigLoader.parse(
                        "rootPassword: x\nsasl: {externalMapping: search, externalFilter: '(uid={sn})'}\n", "t.yaml"))
                .hasMessageContaining("{sn}");
        assertThatThrownBy(() -> ConfigLoader.parse(
                        "rootPassword: x\nsasl: {externalMapping: search, externalFilter: '(uid={cn}'}\n", "t.yaml"))
                .hasMessageContaining("not a valid filter");
    }

    @Test
    void passwordPolicyAndThrottleSettings() throws Exception {
        Settings s = ConfigLoader.parse("""
                rootPassword: x
                passwordPolicy: {minLength: 12, lockoutDuration: 2, mustChange: true, checkQuality: 1}
                throttle: {enabled: false, addressBlockAfter: 7}
                limits: {maxConnectionsPerAddress: 3}
                """, "pp.yaml");
        assertThat(s.passwordPolicy().minLength()).isEqualTo(12);
        assertThat(s.passwordPolicy().lockoutDuration()).isEqualTo(2);
        assertThat(s.passwordPolicy().mustChange()).isTrue();
        assertThat(s.passwordPolicy().maxFailure()).isEqualTo(5); // the default where not given
        assertThat(s.throttle().enabled()).isFalse();
        assertThat(s.throttle().addressBlockAfter()).isEqualTo(7);
        assertThat(s.transport().maxConnectionsPerAddress()).isEqualTo(3);
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\npasswordPolicy: {checkQuality: 3}\n", "q.yaml"))
                .hasMessageContaining("passwordPolicy.checkQuality");
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\npasswordPolicy: {maxFailure: -1}\n", "q.yaml"))
                .hasMessageContaining("passwordPolicy.maxFailure");
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nthrottle: {maxDelayMillis: 60000}\n", "q.yaml"))
                .hasMessageContaining("throttle.maxDelayMillis");
        assertThatThrownBy(
                        () -> ConfigLoader.parse("rootPassword: x\nlimits: {maxConnectionsPerAddress: 0}\n", "q.yaml"))
                .hasMessageContaining("limits.maxConnectionsPerAddress");
    }

    @Test
    void tlsMistakesNameTheKey() {
        assertThatThrownBy(() -> ConfigLoader.parse(
                        "rootPassword: x\ntls: {certificate: /nope.pem, privateKey: /nope.key}\n", "t.yaml"))
                .hasMessageContaining("tls.certificate")
                .hasMessageContaining("/nope.pem");
        assertThatThrownBy(() ->
                        ConfigLoader.parse("rootPassword: x\ntls: {selfSigned: true, clientAuth: require}\n", "t.yaml"))
                .hasMessageContaining("tls.clientCa");
        assertThatThrownBy(() -> ConfigLoader.parse(
                        "rootPassword: x\nlisten: {ldapsPort: 636}\ntls: {enabled: false}\n"
                                + "security: {loopbackExempt: true}\n",
                        "t.yaml"))
                .hasMessageContaining("listen.ldapsPort");
    }

    @Test
    void withoutATlsSectionTheCertificateIsMadeInTheDataFolderAndServesStartTlsOnly() throws Exception {
        Settings s = ConfigLoader.parse("rootPassword: x\ndataDir: /srv/ldap\n", "min.yaml");
        assertThat(s.tls().selfSigned()).isTrue();
        assertThat(s.tls().certificate()).isEqualTo(Path.of("/srv/ldap/tls/cert.pem"));
        assertThat(s.tls().privateKey()).isEqualTo(Path.of("/srv/ldap/tls/key.pem"));
        assertThat(s.security().tlsAvailable()).isTrue();
        assertThat(s.ldapsPort())
                .as("no LDAPS unless asked: two default servers must not both want 636")
                .isEqualTo(-1);
        Settings ldaps = ConfigLoader.parse("rootPassword: x\nlisten: {ldapsPort: 1636}\n", "min.yaml");
        assertThat(ldaps.ldapsPort()).isEqualTo(1636);
        assertThat(ldaps.ldapsPortIsDefault()).isFalse();
        Settings section = ConfigLoader.parse("rootPassword: x\ntls: {selfSigned: true}\n", "t.yaml");
        assertThat(section.ldapsPort()).isEqualTo(636);
        assertThat(section.ldapsPortIsDefault()).isTrue();
        assertThat(ConfigLoader.parse("rootPassword: x\ntls: {enabled: true}\n", "t.yaml")
                        .tls()
                        .selfSigned())
                .isTrue();
    }

    @Test
    void settingsUnderWhichNobodyCouldLogInAreRefused() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\ntls: {enabled: false}\n", "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nobody could log in")
                .hasMessageContaining("security.loopbackExempt: true");
        assertThatThrownBy(() -> ConfigLoader.parse(
                        "rootPassword: x\ntls: {enabled: false}\n"
                                + "security: {requireTls: true, requireTlsForBind: false}\n",
                        "t.yaml"))
                .hasMessageContaining("nobody could use this server");
        assertThatThrownBy(() -> ConfigLoader.parse(
                        "rootPassword: x\ntls: {enabled: false}\nlisten: {host: 192.0.2.1}\n"
                                + "security: {loopbackExempt: true}\n",
                        "t.yaml"))
                .as("clients on this machine cannot reach a listener on another address over loopback")
                .hasMessageContaining("cannot reach 192.0.2.1");
        // each way out works: loopback exemption, binds without TLS allowed, TLS on
        Settings loopback =
                ConfigLoader.parse("rootPassword: x\ntls: {enabled: false}\nsecurity: {loopbackExempt: true}\n", "t");
        assertThat(loopback.tls()).isNull();
        assertThat(loopback.security().tlsAvailable()).isFalse();
        assertThat(ConfigLoader.parse(
                                "rootPassword: x\ntls: {enabled: false}\nsecurity: {requireTlsForBind: false}\n", "t")
                        .tls())
                .isNull();
        assertThat(ConfigLoader.parse("rootPassword: x\nsecurity: {requireTls: true}\n", "t")
                        .tls())
                .isNotNull();
    }

    @Test
    void aValueOfTheWrongTypeNamesTheLineTheKeyAndTheValue() {
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nlisten:\n  port: abc\n", "t.yaml"))
                .hasMessage("t.yaml:3: listen.port: 'abc' is not a whole number");
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nanonymousRead: maybe\n", "t.yaml"))
                .hasMessage("t.yaml:2: anonymousRead: 'maybe' is not true or false");
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nindexes: {cn: {a: b}}\n", "t.yaml"))
                .hasMessageStartingWith("t.yaml:2: indexes.cn[0]: ")
                .message()
                .doesNotContain("\n");
    }

    @Test
    void defaultsApplyToAMinimalFile() throws Exception {
        Settings s = ConfigLoader.parse("rootPassword: x\n", "min.yaml");
        assertThat(s.tls().selfSigned()).isTrue();
        assertThat(s.ldapsPort()).isEqualTo(-1);
        assertThat(s.security().tlsForBind()).isTrue();
        assertThat(s.security().loopbackExempt()).isFalse();
        assertThat(s.rootDn()).isEqualTo("cn=admin,dc=example,dc=com");
        assertThat(s.storage()).isEqualTo("lmdb");
        assertThat(s.passwordScheme()).isEqualTo("ARGON2");
        assertThat(s.sizeLimit()).isEqualTo(500);
    }

    @Test
    void unknownKeyNamesFileLineAndKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nlisten:\n  prot: 389\n", "bad.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad.yaml:3")
                .hasMessageContaining("prot");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nlisten: {port: 70000}\n", "p.yaml"))
                .hasMessageContaining("listen.port");
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nlimits: {maxConnections: 0}\n", "l.yaml"))
                .hasMessageContaining("limits.maxConnections");
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nindexes: {cn: [fuzzy]}\n", "i.yaml"))
                .hasMessageContaining("indexes.cn")
                .hasMessageContaining("fuzzy");
        assertThatThrownBy(() -> ConfigLoader.parse("suffix: dc=x\n", "r.yaml")).hasMessageContaining("rootPassword");
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nlimits: {sizeLimit: lots}\n", "t.yaml"))
                .hasMessageContaining("t.yaml:2");
    }

    @Test
    void flowControlSettings() throws Exception {
        var d = ConfigLoader.parse("rootPassword: x\n", "t").transport();
        assertThat(d.maxOutstandingPerConnection()).isEqualTo(64);
        assertThat(d.writeBufferBytes()).isEqualTo(64 * 1024);
        assertThat(d.writeTimeoutSeconds()).isEqualTo(60);
        assertThat(d.maxConnections())
                .as("from the open-file limit")
                .isEqualTo(dev.linden.server.ConnectionCapacity.defaultMaxConnections());
        var t = ConfigLoader.parse(
                        "rootPassword: x\nlimits: {maxOutstandingPerConnection: 8, writeBufferBytes: 4096,"
                                + " writeTimeoutSeconds: 0, maxConnections: 100}\n",
                        "t")
                .transport();
        assertThat(t.maxOutstandingPerConnection()).isEqualTo(8);
        assertThat(t.writeBufferBytes()).isEqualTo(4096);
        assertThat(t.writeTimeoutSeconds()).isZero();
        assertThat(t.maxConnections()).isEqualTo(100);
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nlimits: {writeBufferBytes: 100}\n", "w.yaml"))
                .hasMessageContaining("limits.writeBufferBytes must be at least 1024");
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nlimits: {writeTimeoutSeconds: -1}\n", "w.yaml"))
                .hasMessageContaining("limits.writeTimeoutSeconds");
        assertThatThrownBy(() ->
                        ConfigLoader.parse("rootPassword: x\nlimits: {maxOutstandingPerConnection: 0}\n", "w.yaml"))
                .hasMessageContaining("limits.maxOutstandingPerConnection");
    }
}
