package dev.linden.model.ldif;

import dev.linden.protocol.PartialAttribute;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streams content records from LDIF (RFC 2849): folded lines, comments, base64 values ({@code ::}),
 * file URLs ({@code :<}). A change record ({@code changetype:} other than add) is an error here:
 * this reader is for loading and importing entries.
 */
public final class LdifReader implements Closeable {
    private final BufferedReader in;
    private final String source;
    private int lineNumber;
    private String pending;

    public LdifReader(Reader reader, String source) {
        this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        this.source = source;
    }

    public static List<LdifRecord> parse(String text) throws LdifException {
        try (LdifReader r = new LdifReader(new java.io.StringReader(text), "<text>")) {
            List<LdifRecord> list = new ArrayList<>();
            LdifRecord rec;
            while ((rec = r.next()) != null) {
                list.add(rec);
            }
            return list;
        } catch (IOException e) {
            throw new LdifException("<text>", 0, e.getMessage());
        }
    }

    /** The next record, or null at the end of the input. */
    public LdifRecord next() throws IOException, LdifException {
        List<String> lines = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>(); // the line each logical line starts on, for errors
        int start = 0;
        boolean inComment = false;
        String line;
        while ((line = readLine()) != null) {
            if (line.isEmpty()) {
                inComment = false;
                if (!lines.isEmpty()) {
                    break;
                }
                continue;
            }
            if (line.startsWith("#") || (inComment && line.startsWith(" "))) {
                inComment = true; // a comment may be folded too (RFC 2849 note 2)
                continue;
            }
            inComment = false;
            if (line.startsWith(" ")) {
                if (lines.isEmpty()) {
                    throw new LdifException(source, lineNumber, "continuation line without a line to continue");
                }
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + line.substring(1));
                continue;
            }
            if (lines.isEmpty()) {
                start = lineNumber;
                if (line.toLowerCase(Locale.ROOT).startsWith("version:")) {
                    continue;
                }
            }
            lines.add(line);
            numbers.add(lineNumber);
        }
        if (lines.isEmpty()) {
            return null;
        }
        return record(lines, numbers, start);
    }

    private String readLine() throws IOException {
        String line = pending != null ? pending : in.readLine();
        pending = null;
        if (line != null) {
            lineNumber++;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
        }
        return line;
    }

    private LdifRecord record(List<String> lines, List<Integer> numbers, int start) throws LdifException {
        String[] first = split(lines.get(0), start);
        if (!first[0].equalsIgnoreCase("dn")) {
            throw new LdifException(source, start, "a record must start with \"dn:\", found \"" + first[0] + ":\"");
        }
        String dn = new String(value(first, start), StandardCharsets.UTF_8);
        Map<String, List<byte[]>> attributes = new LinkedHashMap<>();
        Map<String, String> givenNames = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            int at = numbers.get(i);
            String[] parts = split(lines.get(i), at);
            String name = parts[0];
            if (name.equalsIgnoreCase("changetype")) {
                String type = new String(value(parts, at), StandardCharsets.UTF_8).strip();
                if (!type.equalsIgnoreCase("add")) {
                    throw new LdifException(source, at, "change records (changetype: " + type + ") cannot be loaded");
                }
                continue;
            }
            if (name.equals("-")) {
                throw new LdifException(source, at, "unexpected '-' in a content record");
            }
            String key = name.toLowerCase(Locale.ROOT);
            givenNames.putIfAbsent(key, name);
            attributes.computeIfAbsent(key, k -> new ArrayList<>()).add(value(parts, at));
        }
        List<PartialAttribute> list = new ArrayList<>();
        for (var e : attributes.entrySet()) {
            list.add(new PartialAttribute(givenNames.get(e.getKey()), e.getValue()));
        }
        return new LdifRecord(dn, list, start);
    }

    /** Splits "name: value", "name:: base64" or "name:< url" into {name, separator, value}. */
    private String[] split(String line, int at) throws LdifException {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new LdifException(source, at, "\"name: value\" expected, found \"" + abbreviate(line) + "\"");
        }
        String name = line.substring(0, colon).strip();
        String rest = line.substring(colon + 1);
        String kind = "";
        if (rest.startsWith(":") || rest.startsWith("<")) {
            kind = rest.substring(0, 1);
            rest = rest.substring(1);
        }
        return new String[] {name, kind, rest.stripLeading()};
    }

    private byte[] value(String[] parts, int at) throws LdifException {
        return switch (parts[1]) {
            case ":" -> {
                try {
                    yield Base64.getDecoder().decode(parts[2].strip());
                } catch (IllegalArgumentException e) {
                    throw new LdifException(source, at, "invalid base64 value for " + parts[0]);
                }
            }
            case "<" -> {
                try {
                    URI uri = URI.create(parts[2].strip());
                    if (!"file".equalsIgnoreCase(uri.getScheme())) {
                        throw new LdifException(source, at, "only file: URLs are supported, not " + uri);
                    }
                    yield Files.readAllBytes(Path.of(uri));
                } catch (IOException | IllegalArgumentException e) {
                    throw new LdifException(source, at, "cannot read " + parts[2] + ": " + e.getMessage());
                }
            }
            default -> parts[2].getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
