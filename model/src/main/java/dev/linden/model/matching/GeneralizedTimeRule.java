package dev.linden.model.matching;

import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * generalizedTimeMatch and its ordering (RFC 4517 3.3.13): the value becomes a fixed-width UTC
 * string, so string order is time order.
 */
record GeneralizedTimeRule(String oid, String name) implements MatchingRule {
    private static final Pattern TIME = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})?(\\d{2})?(?:[.,](\\d+))?(Z|[+-]\\d{2}(?:\\d{2})?)");
    private static final DateTimeFormatter OUT =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    @Override
    public String normalize(byte[] value, Schema schema) throws LdapException {
        Instant instant = parse(StringPrep.utf8(value).strip());
        return OUT.format(instant) + String.format(".%09dZ", instant.getNano());
    }

    public static Instant parse(String s) throws LdapException {
        Matcher m = TIME.matcher(s);
        if (!m.matches()) {
            throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "value is not a generalized time");
        }
        try {
            int year = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2));
            int day = Integer.parseInt(m.group(3));
            int hour = Integer.parseInt(m.group(4));
            int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            long nanos = 0;
            if (m.group(7) != null) {
                // the fraction applies to the last unit given (RFC 4517): hour, minute or second
                double fraction = Double.parseDouble("0." + m.group(7));
                long unitNanos =
                        m.group(5) == null ? 3_600_000_000_000L : m.group(6) == null ? 60_000_000_000L : 1_000_000_000L;
                nanos = Math.round(fraction * unitNanos);
            }
            ZoneOffset offset = m.group(8).equals("Z")
                    ? ZoneOffset.UTC
                    : ZoneOffset.of(
                            m.group(8).length() == 3
                                    ? m.group(8)
                                    : m.group(8).substring(0, 3) + ":"
                                            + m.group(8).substring(3));
            if (second == 60) {
                second = 59; // leap second: keep it valid and near
            }
            return java.time.OffsetDateTime.of(year, month, day, hour, minute, second, 0, offset)
                    .toInstant()
                    .plusNanos(nanos);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "value is not a valid generalized time");
        }
    }
}
