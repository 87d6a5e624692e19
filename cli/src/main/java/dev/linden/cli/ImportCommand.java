package dev.linden.cli;

import dev.linden.backend.Backend;
import dev.linden.core.CoreConfig;
import dev.linden.core.Directory;
import dev.linden.core.operation.EntryImport;
import dev.linden.model.Dn;
import dev.linden.model.LdapException;
import dev.linden.model.ldif.LdifReader;
import dev.linden.model.ldif.LdifRecord;
import dev.linden.model.password.PasswordSchemes;
import dev.linden.model.schema.Schema;
import dev.linden.server.DataFolderLock;
import dev.linden.server.Linden;
import dev.linden.server.config.ConfigException;
import dev.linden.server.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Offline bulk load of LDIF into the store (the server must not be running on the same data). */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Load an LDIF file into the store (offline).")
final class ImportCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Parameters(index = "0", description = "LDIF file to load")
    Path ldif;

    @Option(names = "--no-schema-check", description = "trust the file: skip schema checks (faster bulk load)")
    boolean noSchemaCheck;

    @Override
    public Integer call() throws Exception {
        if (options.adminPassword == null && options.config == null) {
            options.adminPassword = "unused-offline"; // the root password plays no part offline
        }
        Settings settings = options.settings();
        if (!Files.isRegularFile(ldif) || !Files.isReadable(ldif)) { // before the store is opened or created
            throw new ConfigException("cannot read the LDIF file " + ldif + ": "
                    + (Files.exists(ldif) ? "not a readable file" : "no such file"));
        }
        Schema schema = Linden.schema(settings);
        long size = Files.size(ldif);
        ImportProgress progress = new ImportProgress(System.err, size);
        try (DataFolderLock lock = DataFolderLock.acquire(settings); // never beside a server on the same data
                Backend backend = Linden.openBackend(settings, schema, true); // flushed to disk once, at the end
                LdifReader reader = new LdifReader(
                        new java.io.BufferedReader(
                                new java.io.InputStreamReader(
                                        progress.counting(Files.newInputStream(ldif)), StandardCharsets.UTF_8),
                                1 << 16),
                        ldif.toString())) {
            Directory directory = new Directory(
                    backend,
                    schema,
                    new CoreConfig(
                            Dn.ROOT,
                            settings.rootPassword(),
                            0,
                            0,
                            false,
                            settings.passwordScheme(),
                            Linden.VERSION,
                            settings.security(),
                            java.util.List.of(),
                            settings.sasl(),
                            settings.passwordPolicy(),
                            settings.throttle(),
                            settings.groups(),
                            settings.anonymousLimits(),
                            java.util.Set.of()),
                    PasswordSchemes.standard(),
                    Clock.systemUTC());
            long start = System.nanoTime();
            int count = load(directory, reader, !noSchemaCheck, progress::committed);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("imported %d entries in %.1f s (%.0f entries/s)%n", count, seconds, count / seconds);
            return 0;
        } catch (ImportException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    /** Loads every record on every core ({@link ImportPipeline}); errors name the file and line. */
    static int load(
            Directory directory, LdifReader reader, boolean checkSchema, java.util.function.LongConsumer committed)
            throws IOException, ImportException {
        return new ImportPipeline(
                        new EntryImport(directory, checkSchema),
                        directory.backend(),
                        directory.schema(),
                        directory.config().rootDn(),
                        Runtime.getRuntime().availableProcessors(),
                        committed)
                .load(reader);
    }

    static final class ImportException extends Exception {
        private static final long serialVersionUID = 1L;

        ImportException(String message) { // the LDIF's own error, or a batch the store refused
            super(message);
        }

        ImportException(LdifRecord record, LdapException e) {
            super("line " + record.line() + ": " + record.dn() + ": "
                    + e.code().name().toLowerCase() + ": " + e.getMessage());
        }
    }
}
