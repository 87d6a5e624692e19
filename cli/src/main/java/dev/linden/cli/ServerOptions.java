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

    Settings settings() throws ConfigException {
        Settings base = config != null ? ConfigLoader.load(config) : null;
        LindenConfig c = new LindenConfig(
                new LindenConfig.Listen(host != null ? host : base != null ? base.host() : null,
                        port != null ? port : base != null ? base.port() : null),
                suffix != null ? suffix : base != null ? base.suffix() : null,
                base != null ? base.rootDn() : null,
                adminPassword != null ? adminPassword : base != null ? base.rootPassword() : null,
                data != null ? data.toString() : base != null ? base.dataDir().toString() : null,
                memory ? "memory" : base != null ? base.storage() : null,
                base != null ? base.mapSizeBytes() / (1024 * 1024) : null,
                base != null ? base.passwordScheme() : null,
                base != null ? base.anonymousRead() : null,
                null, null, null);
        Settings merged = ConfigLoader.settings(c, config != null ? config.toString() : "command line");
        if (base == null) {
            return merged;
        }
        // keep what only the file can say (indexes, limits)
        return new Settings(merged.host(), merged.port(), merged.suffix(), merged.rootDn(), merged.rootPassword(),
                merged.dataDir(), merged.storage(), merged.mapSizeBytes(), merged.passwordScheme(),
                merged.anonymousRead(), base.indexes(), base.sizeLimit(), base.timeLimitSeconds(),
                base.unindexedSearchLimit(), base.transport(), base.schemaFiles());
    }
}
