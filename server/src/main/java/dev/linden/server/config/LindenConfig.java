package dev.linden.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The one configuration file, as YAML. Every field has a default, so an empty file is a working
 * (if unsuffixed) server; {@link ConfigLoader} checks the values and names the key of any mistake.
 */
public record LindenConfig(
        @JsonProperty("listen") Listen listen,
        @JsonProperty("suffix") String suffix,
        @JsonProperty("rootDn") String rootDn,
        @JsonProperty("rootPassword") String rootPassword,
        @JsonProperty("dataDir") String dataDir,
        @JsonProperty("storage") String storage,
        @JsonProperty("mapSizeMb") Long mapSizeMb,
        @JsonProperty("passwordScheme") String passwordScheme,
        @JsonProperty("anonymousRead") Boolean anonymousRead,
        @JsonProperty("indexes") Map<String, List<String>> indexes,
        @JsonProperty("limits") LimitsConfig limits,
        @JsonProperty("schemaFiles") List<String> schemaFiles) {

    public record Listen(@JsonProperty("host") String host, @JsonProperty("port") Integer port) {
    }

    public record LimitsConfig(
            @JsonProperty("sizeLimit") Integer sizeLimit,
            @JsonProperty("timeLimitSeconds") Integer timeLimitSeconds,
            @JsonProperty("unindexedSearchLimit") Integer unindexedSearchLimit,
            @JsonProperty("maxPduBytes") Integer maxPduBytes,
            @JsonProperty("maxPduAnonymousBytes") Integer maxPduAnonymousBytes,
            @JsonProperty("idleTimeoutSeconds") Integer idleTimeoutSeconds,
            @JsonProperty("maxConnections") Integer maxConnections,
            @JsonProperty("workerThreads") Integer workerThreads) {
    }
}
