package dev.linden.observability.log;

/**
 * Escaping for the log formats. Nothing a client sends can start a new line or end a quoted value
 * early: control characters, quotes and backslashes are escaped, and long values are cut.
 */
public final class Text {
    /** Longest value written as is; longer ones are cut and marked. */
    public static final int MAX_VALUE = 2048;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Text() {}

    /** Appends {@code value} between double quotes, for the line format. */
    public static void quoted(StringBuilder sb, String value) {
        sb.append('"');
        int end = Math.min(value.length(), MAX_VALUE);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 15]);
            } else {
                sb.append(c);
            }
        }
        if (value.length() > end) {
            sb.append("...");
        }
        sb.append('"');
    }

    /** Appends {@code value} as a JSON string. */
    public static void json(StringBuilder sb, String value) {
        sb.append('"');
        int end = Math.min(value.length(), MAX_VALUE);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                        sb.append("\\u")
                                .append(HEX[c >> 12])
                                .append(HEX[(c >> 8) & 15])
                                .append(HEX[(c >> 4) & 15])
                                .append(HEX[c & 15]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        if (value.length() > end) {
            sb.append("...");
        }
        sb.append('"');
    }

    /** Seconds with microseconds, as slapd's etime. */
    public static void seconds(StringBuilder sb, long nanos) {
        long micros = nanos / 1000;
        sb.append(micros / 1_000_000).append('.');
        String frac = Long.toString(micros % 1_000_000);
        for (int i = frac.length(); i < 6; i++) {
            sb.append('0');
        }
        sb.append(frac);
    }
}
