package dev.linden.model.schema;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenLDAP's {@code .schema} file form: {@code attributetype}, {@code objectclass},
 * {@code ldapsyntax} and {@code objectidentifier} directives, continued on lines that start with
 * white space, with OID macros ({@code myOID:1.2}) expanded.
 */
final class SlapdSchemaFormat {
    private static final Pattern MACRO_USE = Pattern.compile("^([A-Za-z][A-Za-z0-9-]*):(\\d+(?:\\.\\d+)*)$");

    private SlapdSchemaFormat() {}

    static void add(SchemaBuilder builder, String text, String origin) throws SchemaException {
        Map<String, String> macros = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        StringBuilder directive = null;
        int start = 0;
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : null;
            if (line != null && !line.isEmpty() && Character.isWhitespace(line.charAt(0)) && directive != null) {
                if (!line.strip().startsWith("#")) {
                    directive.append(' ').append(line.strip());
                }
                continue;
            }
            if (directive != null) {
                directive(builder, directive.toString(), origin + ":" + start, macros);
                directive = null;
            }
            if (line == null || line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            directive = new StringBuilder(line.strip());
            start = i + 1;
        }
    }

    private static void directive(SchemaBuilder builder, String text, String origin, Map<String, String> macros)
            throws SchemaException {
        int space = 0;
        while (space < text.length() && !Character.isWhitespace(text.charAt(space)) && text.charAt(space) != '(') {
            space++;
        }
        String keyword = text.substring(0, space).toLowerCase(Locale.ROOT);
        String rest = text.substring(space).strip();
        switch (keyword) {
            case "objectidentifier" -> objectIdentifier(rest, origin, macros);
            case "objectclass" -> builder.add(SchemaBuilder.Kind.OBJECT_CLASS, parse(rest, origin, macros));
            case "ldapsyntax" -> builder.add(SchemaBuilder.Kind.SYNTAX, parse(rest, origin, macros));
            case "ditcontentrule" -> builder.add(SchemaBuilder.Kind.OTHER, parse(rest, origin, macros));
            default -> {
                // slapd takes any keyword that starts with "attribute" (attributetype, attributetypes, and
                // the "attributeype" typo in the dsee.schema it ships) as an attribute type
                if (!keyword.startsWith("attribute")) {
                    throw new SchemaException(origin + ": unknown directive " + keyword);
                }
                builder.add(SchemaBuilder.Kind.ATTRIBUTE_TYPE, parse(rest, origin, macros));
            }
        }
    }

    /** Defines an OID macro from "name OID" (the OID may itself use a macro). */
    static void objectIdentifier(String rest, String origin, Map<String, String> macros) throws SchemaException {
        String[] parts = rest.strip().split("\\s+");
        if (parts.length != 2) {
            throw new SchemaException(origin + ": objectidentifier takes a name and an OID");
        }
        macros.put(parts[0].toLowerCase(Locale.ROOT), expand(parts[1], macros));
    }

    /** Parses a description and expands OID macros in its OID and SYNTAX. */
    static SchemaDefinition parse(String desc, String origin, Map<String, String> macros) throws SchemaException {
        SchemaDefinition def = DescriptionParser.parse(desc, origin);
        String oid = expand(def.oid(), macros);
        String syntax = def.value("SYNTAX");
        if (oid.equals(def.oid()) && (syntax == null || expand(syntax, macros).equals(syntax))) {
            return def;
        }
        var fields = new java.util.LinkedHashMap<>(def.fields());
        if (syntax != null) {
            fields.put("SYNTAX", java.util.List.of(expand(syntax, macros)));
        }
        String text = def.text().replaceFirst(Pattern.quote(def.oid()), Matcher.quoteReplacement(oid));
        return new SchemaDefinition(oid, fields, text, origin);
    }

    private static String expand(String oid, Map<String, String> macros) {
        Matcher m = MACRO_USE.matcher(oid);
        if (m.matches() && macros.containsKey(m.group(1).toLowerCase(Locale.ROOT))) {
            return macros.get(m.group(1).toLowerCase(Locale.ROOT)) + "." + m.group(2);
        }
        String plain = macros.get(oid.toLowerCase(Locale.ROOT));
        return plain != null ? plain : oid;
    }
}
