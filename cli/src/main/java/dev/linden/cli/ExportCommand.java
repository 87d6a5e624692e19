package dev.linden.cli;

import dev.linden.backend.Backend;
import dev.linden.model.Attribute;
import dev.linden.model.ldif.LdifWriter;
import dev.linden.server.Linden;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes every entry, operational attributes included, as LDIF (like slapcat); importing it reproduces the directory. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Write the whole directory as LDIF.")
final class ExportCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(
            names = {"-o", "--output"},
            description = "file to write (default: standard output)")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (options.adminPassword == null && options.config == null) {
            options.adminPassword = "unused-offline";
        }
        var settings = options.settings();
        try (Backend backend = Linden.openBackend(settings, Linden.schema(settings));
                Writer out = output == null
                        ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                        : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            LdifWriter writer = new LdifWriter(out);
            writer.writeVersion();
            int[] count = {0};
            backend.forEach((id, entry, stored, view) -> {
                List<Map.Entry<String, List<byte[]>>> attributes = new ArrayList<>();
                for (Attribute a : entry.attributes()) {
                    attributes.add(new AbstractMap.SimpleEntry<>(a.description().given(), a.values()));
                }
                try {
                    writer.writeEntry(entry.dn().toString(), attributes);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                count[0]++;
                return true;
            });
            out.flush();
            if (output != null) {
                System.err.printf("exported %d entries to %s%n", count[0], output);
            }
        }
        return 0;
    }
}
