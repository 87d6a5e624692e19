package dev.linden.observability;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Generalized time values (RFC 4517 3.3.13) as the server writes them, to and from epoch milliseconds. */
public final class GeneralizedTimes {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private GeneralizedTimes() {}

    public static String format(long millis) {
        return FORMAT.format(java.time.Instant.ofEpochMilli(millis));
    }

    /**
     * Milliseconds since the epoch of a UTC value ("yyyyMMddHHmm[ss][.fff]Z"); Long.MIN_VALUE when it
     * is not one. The password policy's "locked until unlocked", 000001010000Z, is year 0: long ago.
     */
    public static long millis(String value) {
        if (value == null || value.length() < 13 || !value.endsWith("Z")) {
            return Long.MIN_VALUE;
        }
        try {
            int year = Integer.parseInt(value.substring(0, 4));
            int month = Integer.parseInt(value.substring(4, 6));
            int day = Integer.parseInt(value.substring(6, 8));
            int hour = Integer.parseInt(value.substring(8, 10));
            int minute = Integer.parseInt(value.substring(10, 12));
            int second = 0;
            int nanos = 0;
            String rest = value.substring(12, value.length() - 1);
            if (rest.length() >= 2 && Character.isDigit(rest.charAt(0))) {
                second = Integer.parseInt(rest.substring(0, 2));
                rest = rest.substring(2);
            }
            if (rest.startsWith(".") || rest.startsWith(",")) {
                String fraction = (rest.substring(1) + "000000000").substring(0, 9);
                nanos = Integer.parseInt(fraction);
            }
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }
}
