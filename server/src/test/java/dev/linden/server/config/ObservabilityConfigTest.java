package dev.linden.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.observability.DetectionSettings.Action;
import dev.linden.observability.LogSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ObservabilityConfigTest {
    @Test
    void sectionsOverrideTheDefaults() throws Exception {
        Settings s = ConfigLoader.parse("""
                rootPassword: x
                dataDir: /var/lib/linden
                accessLog: {format: JSON, maxFileSize: 512KB, rotation: hourly, maxHistory: 48, totalSizeCap: 0}
                securityLog: {enabled: false, file: /var/log/linden/security.log}
                metrics: {host: 0.0.0.0, port: 0, jvm: false}
                monitor: {readers: [{dn: "uid=prom,dc=example,dc=com"}, {group: "cn=ops,dc=example,dc=com"}]}
                detection:
                  passwordSpray: {accounts: 20, action: throttle}
                  enumeration: {entries: 5000, minEntriesPerSearch: 50, factor: 8, memoryHours: 48, action: block,
                                anonymousAction: none}
                  exemptAddresses: [10.0.0.0/8]
                  exemptIdentities: ["cn=sync,dc=example,dc=com"]
                """, "o.yaml");
        var o = s.observability();
        assertThat(o.accessLog().format()).isEqualTo(LogSettings.Format.JSON);
        assertThat(o.accessLog().file()).isEqualTo(Path.of("/var/lib/linden/logs/access.log"));
        assertThat(o.accessLog().maxFileBytes()).isEqualTo(512 * 1024);
        assertThat(o.accessLog().rotation()).isEqualTo(LogSettings.Rotation.HOURLY);
        assertThat(o.accessLog().maxHistory()).isEqualTo(48);
        assertThat(o.accessLog().totalSizeCapBytes()).isZero();
        assertThat(o.securityLog().enabled()).isFalse();
        assertThat(o.securityLog().file()).isEqualTo(Path.of("/var/log/linden/security.log"));
        assertThat(o.metrics().host()).isEqualTo("0.0.0.0");
        assertThat(o.metrics().port()).isZero();
        assertThat(o.metrics().jvm()).isFalse();
        assertThat(o.monitor().readers()).hasSize(2);
        assertThat(o.monitor().readers().get(0).dn()).isEqualTo("uid=prom,dc=example,dc=com");
        assertThat(o.detection().passwordSpray().accounts()).isEqualTo(20);
        assertThat(o.detection().passwordSpray().action()).isEqualTo(Action.THROTTLE);
        assertThat(o.detection().passwordSpray().windowSeconds()).isEqualTo(300); // the default where not given
        assertThat(o.detection().enumeration().minEntriesPerSearch()).isEqualTo(50);
        assertThat(o.detection().enumeration().factor()).isEqualTo(8);
        assertThat(o.detection().enumeration().memoryHours()).isEqualTo(48);
        assertThat(o.detection().enumeration().action()).isEqualTo(Action.BLOCK);
        assertThat(o.detection().enumeration().anonymousAction()).isEqualTo(Action.NONE);
        assertThat(o.detection().exemptAddresses()).containsExactly("10.0.0.0/8");
        assertThat(o.detection().exemptIdentities()).containsExactly("cn=sync,dc=example,dc=com");
    }

    @Test
    void mistakesNameTheKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\naccessLog: {format: xml}\n", "o.yaml"))
                .hasMessageContaining("accessLog.format must be one of [line, json], not 'xml'");
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\naccessLog: {maxFileSize: lots}\n", "o.yaml"))
                .hasMessageContaining("accessLog.maxFileSize must be a size");
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\nmetrics: {port: 70000}\n", "o.yaml"))
                .hasMessageContaining("metrics.port 70000");
        assertThatThrownBy(
                        () -> ConfigLoader.parse("rootPassword: x\ndetection: {bruteForce: {action: ban}}\n", "o.yaml"))
                .hasMessageContaining("detection.bruteForce.action must be one of [none, throttle, block]");
        assertThatThrownBy(
                        () -> ConfigLoader.parse("rootPassword: x\ndetection: {enumeration: {pages: 0}}\n", "o.yaml"))
                .hasMessageContaining("detection.enumeration.pages must be greater than 0");
        assertThatThrownBy(() ->
                        ConfigLoader.parse("rootPassword: x\ndetection: {throttleDelayMillis: 60000}\n", "o.yaml"))
                .hasMessageContaining("detection.throttleDelayMillis");
        assertThatThrownBy(() ->
                        ConfigLoader.parse("rootPassword: x\ndetection: {exemptAddresses: [nowhere]}\n", "o.yaml"))
                .hasMessageContaining("detection.exemptAddresses: 'nowhere'");
        assertThatThrownBy(() -> ConfigLoader.parse("rootPassword: x\ndetection: {spray: {}}\n", "o.yaml"))
                .hasMessageContaining("unknown key 'spray'");
    }
}
