package dev.linden.core.ppolicy;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GeneralizedTime values (RFC 4517 3.3.13) of the password policy state attributes. */
final class GeneralizedTime {
    /** With microseconds, as the draft wants for pwdFailureTime (and OpenLDAP writes). */
    private static final DateTimeFormatter FRACTION =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern TIME = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})?(\\d{2})?(?:[.,](\\d{1,9}))?(Z|[+-]\\d{2}(?:\\d{2})?)");
    /** pwdAccountLockedTime "000001010000Z": locked until an administrator unlocks. */
    static final Instant PERMANENT =
            OffsetDateTime.of(0, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();

    private GeneralizedTime() {}

    static String withFraction(Instant t) {
        return FRACTION.format(t);
    }

    static String seconds(Instant t) {
        return SECONDS.format(t);
    }

    static Instant parse(byte[] value) {
        return parse(new String(value, StandardCharsets.UTF_8));
    }

    /** The instant, or null when the value is not a generalized time. */
    static Instant parse(String s) {
        Matcher m = TIME.matcher(s.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Math.min(59, Integer.parseInt(m.group(6)));
            long nanos = 0;
            if (m.group(7) != null) {
                long unit =
                        m.group(5) == null ? 3_600_000_000_000L : m.group(6) == null ? 60_000_000_000L : 1_000_000_000L;
                nanos = Math.round(Double.parseDouble("0." + m.group(7)) * unit);
            }
            String zone = m.group(8);
            ZoneOffset offset = zone.equals("Z")
                    ? ZoneOffset.UTC
                    : ZoneOffset.of(zone.length() == 3 ? zone : zone.substring(0, 3) + ":" + zone.substring(3));
            return OffsetDateTime.of(
                            Integer.parseInt(m.group(1)),
                            Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)),
                            Integer.parseInt(m.group(4)),
                            minute,
                            second,
                            0,
                            offset)
                    .toInstant()
                    .plusNanos(nanos);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
