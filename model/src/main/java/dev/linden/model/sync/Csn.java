package dev.linden.model.sync;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * OpenLDAP's change sequence number, the value of entryCSN and contextCSN and the state inside a
 * sync cookie: {@code YYYYmmddHHMMSS.uuuuuuZ#cccccc#sss#mmmmmm}, exactly {@value #LENGTH}
 * characters. The time is UTC to the microsecond; then three fields in lowercase hex: a count that
 * orders changes within one microsecond (6 digits), the server ID of the server where the change was
 * made (3 digits, at most {@value #MAX_SID}, slapd's SLAP_SYNC_SID_MAX) and a modification number
 * (6 digits; slapd writes 0).
 *
 * <p>slapd compares CSNs as octet strings (memcmp, and the shorter first when one is a prefix of
 * the other), so the order of two CSNs is the order of their canonical strings only if both are in
 * exactly this form; {@link #compareTo} gives that order and {@link #toString} always writes the
 * canonical form. {@link #parse} accepts only the canonical form. slapd's validator is looser: it
 * also takes uppercase hex digits (its normaliser lowercases the server ID and mod but not the
 * count), a time without microseconds and a 2-digit server ID (OpenLDAP 2.3 CSNs, rewritten to 40
 * characters), and a leap second 60; no OpenLDAP since 2.4 writes any of these, and Linden refuses
 * them rather than store a value that sorts differently from the same CSN written by slapd.
 *
 * @param epochMicros microseconds since 1970-01-01T00:00:00Z; years 0000 to 9999
 * @param count tie-breaker within one microsecond, 0 to {@value #MAX_COUNT}
 * @param sid the originating server's ID, 0 to {@value #MAX_SID} (0 is what slapd uses without a serverID)
 * @param mod the modification number, 0 to {@value #MAX_MOD}
 */
public record Csn(long epochMicros, int count, int sid, int mod) implements Comparable<Csn> {
    public static final int LENGTH = 40;
    public static final int MAX_COUNT = 0xFFFFFF;
    public static final int MAX_SID = 0xFFF;
    public static final int MAX_MOD = 0xFFFFFF;
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z: what four digits of year can write. */
    public static final long MIN_MICROS = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;

    public static final long MAX_MICROS =
            LocalDateTime.of(10000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L - 1;

    public Csn {
        if (epochMicros < MIN_MICROS || epochMicros > MAX_MICROS) {
            throw new IllegalArgumentException("CSN time " + epochMicros + " µs is outside the years 0000-9999");
        }
        check(count, MAX_COUNT, "count");
        check(sid, MAX_SID, "server ID");
        check(mod, MAX_MOD, "mod");
    }

    private static void check(int value, int max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("CSN " + what + " " + value + " is outside 0-" + max);
        }
    }

    /** The CSN with these fields; {@link IllegalArgumentException} when one is out of range. */
    public static Csn of(long epochMicros, int count, int sid, int mod) {
        return new Csn(epochMicros, count, sid, mod);
    }

    /** The time part as an instant. */
    public Instant time() {
        return Instant.ofEpochSecond(
                Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000);
    }

    /**
     * Reads a CSN in the canonical form. Anything else (a wrong length or separator, a non-digit,
     * an impossible date, an uppercase or non-hex digit) is a {@link SyncSyntaxException} that says
     * what is wrong.
     */
    public static Csn parse(CharSequence text) throws SyncSyntaxException {
        if (text.length() != LENGTH) {
            throw bad(
                    text,
                    "a CSN has " + LENGTH + " characters (YYYYmmddHHMMSS.uuuuuuZ#cccccc#sss#mmmmmm), not "
                            + text.length());
        }
        separator(text, 14, '.');
        separator(text, 21, 'Z');
        separator(text, 22, '#');
        separator(text, 29, '#');
        separator(text, 33, '#');
        int year = decimal(text, 0, 4);
        int month = decimal(text, 4, 2);
        int day = decimal(text, 6, 2);
        int hour = decimal(text, 8, 2);
        int minute = decimal(text, 10, 2);
        int second = decimal(text, 12, 2);
        int micros = decimal(text, 15, 6);
        if (hour > 23 || minute > 59 || second > 59) {
            throw bad(text, "the time of day " + text.subSequence(8, 14) + " is not HHMMSS within a day");
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            throw bad(text, "the date " + text.subSequence(0, 8) + " does not exist");
        }
        long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second;
        return new Csn(
                seconds * 1_000_000L + micros,
                hex(text, 23, 6, "count"),
                hex(text, 30, 3, "server ID"),
                hex(text, 34, 6, "mod"));
    }

    /** The canonical 40-character form. */
    @Override
    public String toString() {
        char[] out = new char[LENGTH];
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), 0, ZoneOffset.UTC);
        writeDecimal(out, 0, 4, t.getYear());
        writeDecimal(out, 4, 2, t.getMonthValue());
        writeDecimal(out, 6, 2, t.getDayOfMonth());
        writeDecimal(out, 8, 2, t.getHour());
        writeDecimal(out, 10, 2, t.getMinute());
        writeDecimal(out, 12, 2, t.getSecond());
        out[14] = '.';
        writeDecimal(out, 15, 6, (int) Math.floorMod(epochMicros, 1_000_000L));
        out[21] = 'Z';
        out[22] = '#';
        writeHex(out, 23, 6, count);
        out[29] = '#';
        writeHex(out, 30, 3, sid);
        out[33] = '#';
        writeHex(out, 34, 6, mod);
        return new String(out);
    }

    /** The order of the canonical strings: time, then count, then server ID, then mod. */
    @Override
    public int compareTo(Csn other) {
        int c = Long.compare(epochMicros, other.epochMicros);
        if (c == 0) {
            c = Integer.compare(count, other.count);
        }
        if (c == 0) {
            c = Integer.compare(sid, other.sid);
        }
        return c != 0 ? c : Integer.compare(mod, other.mod);
    }

    private static void separator(CharSequence text, int at, char expected) throws SyncSyntaxException {
        if (text.charAt(at) != expected) {
            throw bad(text, "'" + expected + "' expected at position " + at);
        }
    }

    private static int decimal(CharSequence text, int from, int digits) throws SyncSyntaxException {
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(text, "a decimal digit expected at position " + i);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int hex(CharSequence text, int from, int digits, String what) throws SyncSyntaxException {
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            char c = text.charAt(i);
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                throw bad(text, "the " + what + " must be lowercase hex, as slapd compares CSNs as strings");
            } else {
                throw bad(text, "the " + what + " is not hex (position " + i + ")");
            }
            value = value * 16 + d;
        }
        return value;
    }

    private static void writeDecimal(char[] out, int from, int digits, int value) {
        for (int i = from + digits - 1; i >= from; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static void writeHex(char[] out, int from, int digits, int value) {
        for (int i = from + digits - 1; i >= from; i--) {
            out[i] = Character.forDigit(value & 0xF, 16);
            value >>>= 4;
        }
    }

    private static SyncSyntaxException bad(CharSequence text, String why) {
        return new SyncSyntaxException("not a CSN: " + why + ": " + Printable.quote(text));
    }
}
