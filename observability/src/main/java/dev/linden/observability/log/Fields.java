package dev.linden.observability.log;

import java.util.List;

/** Writes one record's fields in one of the two formats: {@code key=value} words, or JSON members. */
abstract sealed class Fields permits Fields.Line, Fields.Json {
    final StringBuilder sb;

    Fields(StringBuilder sb) {
        this.sb = sb;
    }

    static Fields of(dev.linden.observability.LogSettings.Format format, StringBuilder sb) {
        return format == dev.linden.observability.LogSettings.Format.JSON ? new Json(sb) : new Line(sb);
    }

    /** The kind of record: a word in capitals in the line format ("SRCH"), {@code "type"} in JSON ("search"). */
    abstract Fields verb(String word, String type);

    abstract Fields str(String key, String value);

    /** A value that is a word (no spaces or quotes), unquoted in the line format. */
    abstract Fields word(String key, String value);

    abstract Fields num(String key, long value);

    abstract Fields bool(String key, boolean value);

    abstract Fields list(String key, List<String> values);

    abstract Fields seconds(String key, long nanos);

    abstract Fields nil(String key);

    static final class Line extends Fields {
        Line(StringBuilder sb) {
            super(sb);
        }

        private StringBuilder key(String key) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            return sb.append(key).append('=');
        }

        @Override
        Fields verb(String word, String type) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(word);
            return this;
        }

        @Override
        Fields str(String key, String value) {
            Text.quoted(key(key), value);
            return this;
        }

        @Override
        Fields word(String key, String value) {
            key(key).append(value);
            return this;
        }

        @Override
        Fields num(String key, long value) {
            key(key).append(value);
            return this;
        }

        @Override
        Fields bool(String key, boolean value) {
            key(key).append(value ? "yes" : "no");
            return this;
        }

        @Override
        Fields list(String key, List<String> values) {
            Text.quoted(key(key), String.join(" ", values));
            return this;
        }

        @Override
        Fields seconds(String key, long nanos) {
            Text.seconds(key(key), nanos);
            return this;
        }

        @Override
        Fields nil(String key) {
            key(key).append('-');
            return this;
        }
    }

    static final class Json extends Fields {
        Json(StringBuilder sb) {
            super(sb);
        }

        private StringBuilder key(String key) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            return sb.append('"').append(key).append("\":");
        }

        @Override
        Fields verb(String word, String type) {
            Text.json(key("type"), type);
            return this;
        }

        @Override
        Fields str(String key, String value) {
            Text.json(key(key), value);
            return this;
        }

        @Override
        Fields word(String key, String value) {
            return str(key, value);
        }

        @Override
        Fields num(String key, long value) {
            key(key).append(value);
            return this;
        }

        @Override
        Fields bool(String key, boolean value) {
            key(key).append(value);
            return this;
        }

        @Override
        Fields list(String key, List<String> values) {
            key(key).append('[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                Text.json(sb, values.get(i));
            }
            sb.append(']');
            return this;
        }

        @Override
        Fields seconds(String key, long nanos) {
            Text.seconds(key(key), nanos);
            return this;
        }

        @Override
        Fields nil(String key) {
            key(key).append("null");
            return this;
        }
    }
}
