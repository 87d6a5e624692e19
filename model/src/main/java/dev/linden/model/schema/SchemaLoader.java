package dev.linden.model.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads schema files: the LDIF form ({@code attributeTypes: ( ... )} values, as a subschema entry or
 * OpenLDAP's cn=config and 389 DS write them) and OpenLDAP's {@code .schema} form
 * ({@code attributetype ( ... )}). Errors name the file and line.
 */
public final class SchemaLoader {
    /** The bundled files, loaded in this order. */
    static final List<String> BUNDLED = List.of(
            "00-system.ldif",
            "01-core.ldif",
            "02-cosine.ldif",
            "03-inetorgperson.ldif",
            "04-nis.ldif",
            "05-ppolicy.ldif",
            "06-groups.ldif",
            "07-linden.ldif",
            "08-monitor.ldif");

    private static final java.util.regex.Pattern SLAPD_DIRECTIVE = java.util.regex.Pattern.compile(
            "(?i)(attribute[a-z]*|objectclass|objectidentifier|ldapsyntax|ditcontentrule)[\\s(]");

    private SchemaLoader() {}

    static Schema loadBundled() {
        SchemaBuilder builder = new SchemaBuilder();
        try {
            addBundled(builder);
            return builder.build();
        } catch (SchemaException | IOException e) {
            throw new IllegalStateException("the bundled schema is broken: " + e.getMessage(), e);
        }
    }

    public static void addBundled(SchemaBuilder builder) throws IOException, SchemaException {
        for (String name : BUNDLED) {
            try (InputStream in = SchemaLoader.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("bundled schema file " + name + " is missing");
                }
                addText(builder, new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
            }
        }
    }

    /** Adds the definitions in a file, choosing the form by its content. */
    public static void addFile(SchemaBuilder builder, Path file) throws IOException, SchemaException {
        addText(builder, Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    public static void addText(SchemaBuilder builder, String text, String origin) throws SchemaException {
        if (looksLikeSlapdSchema(text)) {
            SlapdSchemaFormat.add(builder, text, origin);
        } else {
            addLdif(builder, text, origin);
        }
    }

    private static boolean looksLikeSlapdSchema(String text) {
        for (String line : text.split("\n")) {
            if (SLAPD_DIRECTIVE.matcher(line).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    private static void addLdif(SchemaBuilder builder, String text, String origin) throws SchemaException {
        Map<String, String> macros = new HashMap<>(); // cn=config's olcObjectIdentifier
        String[] lines = text.split("\r?\n", -1);
        StringBuilder logical = null;
        int logicalStart = 0;
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : null;
            if (line != null && line.startsWith(" ") && logical != null) {
                logical.append(line, 1, line.length());
                continue;
            }
            if (logical != null) {
                addLdifLine(builder, logical.toString(), origin + ":" + logicalStart, macros);
                logical = null;
            }
            if (line == null || line.isBlank() || line.startsWith("#")) {
                continue;
            }
            logical = new StringBuilder(line);
            logicalStart = i + 1;
        }
    }

    private static void addLdifLine(SchemaBuilder builder, String line, String origin, Map<String, String> macros)
            throws SchemaException {
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new SchemaException(origin + ": not an LDIF attribute line");
        }
        String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1);
        if (value.startsWith(":")) {
            try {
                value = new String(
                        Base64.getMimeDecoder().decode(value.substring(1).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new SchemaException(origin + ": invalid base64 value");
            }
        }
        int semicolon = key.indexOf(';');
        if (semicolon >= 0) {
            key = key.substring(0, semicolon);
        }
        SchemaBuilder.Kind kind = switch (key) {
            case "attributetypes", "olcattributetypes" -> SchemaBuilder.Kind.ATTRIBUTE_TYPE;
            case "objectclasses", "olcobjectclasses" -> SchemaBuilder.Kind.OBJECT_CLASS;
            case "ldapsyntaxes", "olcldapsyntaxes" -> SchemaBuilder.Kind.SYNTAX;
            case "matchingrules" -> SchemaBuilder.Kind.MATCHING_RULE;
            case "nameforms", "ditcontentrules", "ditstructurerules", "matchingruleuse", "olcditcontentrules" ->
                SchemaBuilder.Kind.OTHER;
            default -> null; // dn, objectClass, cn and other attributes of the schema entry itself
        };
        String desc = value.strip().replaceFirst("^\\{\\d+}", ""); // cn=config's ordering prefix
        if (key.equals("olcobjectidentifier")) {
            SlapdSchemaFormat.objectIdentifier(desc, origin, macros);
        } else if (kind != null) {
            builder.add(kind, SlapdSchemaFormat.parse(desc, origin, macros));
        }
    }
}
