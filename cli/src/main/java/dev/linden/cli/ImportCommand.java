package dev.linden.cli;

import dev.linden.backend.Backend;
import dev.linden.core.CoreConfig;
import dev.linden.core.Directory;
import dev.linden.core.operation.EntryImport;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.ldif.LdifException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Offline bulk load of LDIF into the store (the server must not be running on the same data). */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Load an LDIF file into the store (offline).")
final class ImportCommand implements Callable<Integer> {
    private static final int BATCH = 2000;

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
        try (DataFolderLock lock = DataFolderLock.acquire(settings); // never beside a server on the same data
                Backend backend = Linden.openBackend(settings, schema);
                LdifReader reader = new LdifReader(Files.newBufferedReader(ldif, StandardCharsets.UTF_8), ldif.toString())) {
            Directory directory = new Directory(backend, schema, new CoreConfig(Dn.ROOT, settings.rootPassword(), 0, 0,
                    false, settings.passwordScheme(), Linden.VERSION, settings.security(), java.util.List.of(),
                    settings.sasl(), settings.passwordPolicy(), settings.throttle(), settings.groups(),
                    settings.anonymousLimits(), java.util.Set.of()),
                    PasswordSchemes.standard(),
                    Clock.systemUTC());
            long start = System.nanoTime();
            int count = load(directory, backend, reader, !noSchemaCheck);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("imported %d entries in %.1f s (%.0f entries/s)%n", count, seconds, count / seconds);
            return 0;
        } catch (ImportException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    /** Loads every record, in batches of one transaction each; errors name the file and line. */
    static int load(Directory directory, Backend backend, LdifReader reader, boolean checkSchema)
            throws IOException, ImportException {
        EntryImport importer = new EntryImport(directory, checkSchema);
        List<Entry> batch = new ArrayList<>(BATCH);
        List<LdifRecord> records = new ArrayList<>(BATCH);
        int count = 0;
        try {
            LdifRecord record;
            while ((record = reader.next()) != null) {
                try {
                    batch.add(importer.entry(record, directory.config().rootDn()));
                } catch (LdapException e) {
                    throw new ImportException(record, e);
                }
                records.add(record);
                if (batch.size() == BATCH) {
                    count += flush(backend, batch, records);
                }
            }
            count += flush(backend, batch, records);
        } catch (LdifException e) {
            throw new ImportException(e.getMessage());
        }
        return count;
    }

    private static int flush(Backend backend, List<Entry> batch, List<LdifRecord> records) throws ImportException {
        int n = batch.size();
        try {
            backend.addAll(batch);
        } catch (LdapException e) {
            // find the culprit to name its line: add one by one up to it is not needed; say the batch range
            throw new ImportException("entries from line " + records.get(0).line() + " to line "
                    + records.get(n - 1).line() + " were not loaded: " + e.code() + " " + e.getMessage()
                    + (e.matchedDn().isEmpty() ? "" : " (matched " + e.matchedDn() + ")"));
        }
        batch.clear();
        records.clear();
        return n;
    }

    static final class ImportException extends Exception {
        private static final long serialVersionUID = 1L;

        ImportException(String message) {
            super(message);
        }

        ImportException(LdifRecord record, LdapException e) {
            super("line " + record.line() + ": " + record.dn() + ": " + e.code().name().toLowerCase() + ": " + e.getMessage());
        }
    }
}
