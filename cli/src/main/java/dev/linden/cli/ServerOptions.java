package dev.linden.cli;

import dev.linden.server.config.ConfigException;
import dev.linden.server.config.ConfigLoader;
import dev.linden.server.config.LindenConfig;
import dev.linden.server.config.Settings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the settings come from: a YAML file, or flags alone for a quick start. Flags given override the file. */
final class ServerOptions {
    @Option(names = "--config", description = "YAML configuration file (see docs/linden.yaml)")
    Path config;

    @Option(names = "--suffix", description = "naming context, e.g. dc=example,dc=com")
    String suffix;

    @Option(names = "--host", description = "address to listen on")
    String host;

    @Option(names = "--port", description = "TCP port to listen on")
    Integer port;

    @Option(names = "--data", description = "data folder of the embedded store")
    Path data;

    @Option(names = "--admin-password", description = "password of the root DN (cleartext or a {SCHEME} hash)")
    String adminPassword;

    @Option(names = "--memory", description = "keep the directory in memory only (nothing is saved)")
    boolean memory;

    @Option(
            names = "--allow-plain-bind-on-loopback",
            description = "let clients on this machine bind without TLS (others still need it)")
    boolean loopbackExempt;

    Settings settings() throws ConfigException {
        LindenConfig base =
                config != null ? ConfigLoader.read(config) : LindenConfig.of(null, null, null, null, null, null);
        LindenConfig.Security security = loopbackExempt
                ? new LindenConfig.Security(
                        base.security() == null ? null : base.security().requireTlsForBind(),
                        base.security() == null ? null : base.security().requireTls(),
                        true)
                : null;
        LindenConfig merged = base.overriding(
                host,
                port,
                suffix,
                adminPassword,
                data == null ? null : data.toString(),
                memory ? "memory" : null,
                security);
        return ConfigLoader.settings(merged, config != null ? config.toString() : "command line");
    }
}
