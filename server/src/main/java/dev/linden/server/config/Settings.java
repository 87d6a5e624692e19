package dev.linden.server.config;

import dev.linden.backend.IndexKind;
import dev.linden.server.Limits;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The configuration with defaults applied and values checked: what the server actually runs with.
 *
 * @param storage "lmdb" or "memory"
 */
public record Settings(String host, int port, String suffix, String rootDn, String rootPassword, Path dataDir,
        String storage, long mapSizeBytes, String passwordScheme, boolean anonymousRead,
        Map<String, Set<IndexKind>> indexes, int sizeLimit, int timeLimitSeconds, int unindexedSearchLimit,
        Limits transport) {
}
