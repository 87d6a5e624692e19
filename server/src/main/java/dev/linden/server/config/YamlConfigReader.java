package dev.linden.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads linden.yaml into a {@link LindenConfig} as written, before defaults and checks: every error
 * is one line naming the file, the line and the key ({@link ConfigLoader} then checks the values).
 */
final class YamlConfigReader {
    private YamlConfigReader() {}

    /** The file as written, before defaults and checks (so flags can override it first). */
    static LindenConfig read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the configuration: " + e.getMessage());
        }
        return readText(text, file.toString());
    }

    /** The text as written, parsed: unknown keys and values of the wrong type are errors naming the line. */
    static LindenConfig readText(String yaml, String origin) throws ConfigException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY); // "grant: read" as well as "[read]"
        LindenConfig config;
        try {
            config = yaml.isBlank()
                    ? LindenConfig.of(null, null, null, null, null, null)
                    : mapper.readValue(yaml, LindenConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(origin + ":"
                    + lineOfKey(yaml, e.getPropertyName(), e.getLocation().getLineNr())
                    + ": unknown key '"
                    + e.getPropertyName() + "' (known keys: " + e.getKnownPropertyIds() + ")");
        } catch (InvalidFormatException e) {
            throw new ConfigException(origin + ":" + line(e) + ": " + keyPath(e) + ": '" + e.getValue() + "' is not "
                    + expected(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw new ConfigException(
                    origin + ":" + line(e) + ": " + keyPath(e) + ": " + oneLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin + ":" + line(e) + ": " + oneLine(e.getOriginalMessage()));
        }
        return config;
    }

    private static int line(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    /** The key as the file writes it, e.g. listen.port or access.rules[2].by. */
    private static String keyPath(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the file" : path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a valid " + type.getSimpleName();
    }

    /** Parser messages may span lines; a start-up error is one line. */
    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** The parser reports where it stood after the key; the key itself is on that line or one above. */
    private static int lineOfKey(String yaml, String key, int reported) {
        String[] lines = yaml.split("\n", -1);
        java.util.regex.Pattern p =
                java.util.regex.Pattern.compile("(^|[{,\\s])" + java.util.regex.Pattern.quote(key) + "\\s*:");
        for (int line = Math.min(reported, lines.length); line >= 1; line--) {
            if (p.matcher(lines[line - 1]).find()) {
                return line;
            }
        }
        return reported;
    }
}
