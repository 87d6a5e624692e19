package dev.linden.model.sync;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The content of an RFC 4533 sync cookie in OpenLDAP's format, so Linden and slapd understand each
 * other's cookies: {@code rid=001,sid=002,csn=<csn>;<csn>,delcsn=<csn>} (slapd's ldapsync.c).
 *
 * <ul>
 * <li>{@code rid}: the replica ID, 0 to {@value #MAX_RID}, chosen by the consumer (its syncrepl
 * {@code rid=}) and echoed by the provider; written as 3 decimal digits. slapd's provider ignores a
 * cookie without one and serves the consumer as if it had sent no cookie.
 * <li>{@code sid}: the server ID of the server that wrote the cookie (a provider's own serverID, or
 * a consumer's in multi-provider mode), 0 to {@value Csn#MAX_SID}; 3 lowercase hex digits.
 * <li>{@code csn}: the state, one CSN per server ID in server ID order, separated by {@code ;}; a
 * persist-phase cookie from slapd carries only the CSN of that one change.
 * <li>{@code delcsn}: the CSN of a deletion, in the cookie slapd puts on a syncIdSet of deleted
 * entries sent from its session log.
 * </ul>
 * Every part is optional; a cookie with none of them is {@link #EMPTY}.
 *
 * <p>{@link #parse} is as lenient as slapd where slapd is: fields in any order, any of them missing,
 * fewer digits than usual ({@code rid=1}), uppercase hex in {@code sid}, an empty field, a trailing
 * {@code ;} after the CSNs, or a field it does not know (a lowercase {@code name=value}, ignored). It
 * refuses what slapd refuses (a rid above 999, a sid above fff, a number followed by anything but
 * {@code ,}) and, where slapd silently drops the rest of a cookie, anything else malformed: a CSN not
 * in canonical form, two CSNs of one server ID, a field given twice, bytes that are not printable
 * ASCII. {@link #toString} writes the canonical form, the same bytes slapd writes for the same state
 * (checked against slapd 2.5's cookies in SlapdSyncProviderIT).
 */
public record SyncCookie(OptionalInt rid, OptionalInt sid, CsnVector csns, Optional<Csn> delCsn) {
    public static final int MAX_RID = 999;
    public static final SyncCookie EMPTY =
            new SyncCookie(OptionalInt.empty(), OptionalInt.empty(), CsnVector.EMPTY, Optional.empty());

    public SyncCookie {
        if (rid == null || sid == null || csns == null || delCsn == null) {
            throw new NullPointerException("a cookie part is null; use an empty Optional");
        }
        if (rid.isPresent() && (rid.getAsInt() < 0 || rid.getAsInt() > MAX_RID)) {
            throw new IllegalArgumentException("replica ID " + rid.getAsInt() + " is outside 0-" + MAX_RID);
        }
        if (sid.isPresent() && (sid.getAsInt() < 0 || sid.getAsInt() > Csn.MAX_SID)) {
            throw new IllegalArgumentException("server ID " + sid.getAsInt() + " is outside 0-" + Csn.MAX_SID);
        }
    }

    /** A cookie with a replica ID, the sender's server ID and a state, as a provider sends it. */
    public static SyncCookie of(int rid, int sid, CsnVector csns) {
        return new SyncCookie(OptionalInt.of(rid), OptionalInt.of(sid), csns, Optional.empty());
    }

    public static SyncCookie parse(byte[] cookie) throws SyncSyntaxException {
        return parse(
                new String(cookie, StandardCharsets.ISO_8859_1)); // every byte one char: non-ASCII is refused below
    }

    /** Reads a cookie; see the class comment for what is accepted. The empty string is {@link #EMPTY}. */
    public static SyncCookie parse(String text) throws SyncSyntaxException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw bad(text, "character " + i + " is not printable ASCII");
            }
        }
        OptionalInt rid = OptionalInt.empty();
        OptionalInt sid = OptionalInt.empty();
        CsnVector csns = null;
        Csn delCsn = null;
        for (String field : text.split(",", -1)) {
            if (field.isEmpty()) {
                continue; // slapd steps over a stray comma
            }
            int eq = field.indexOf('=');
            if (eq < 1 || !field.substring(0, eq).chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                throw bad(text, "field " + Printable.quote(field) + " is not name=value");
            }
            String value = field.substring(eq + 1);
            switch (field.substring(0, eq)) {
                case "rid" -> {
                    once(text, "rid", rid.isPresent());
                    rid = OptionalInt.of(number(text, "rid", value, 10, MAX_RID));
                }
                case "sid" -> {
                    once(text, "sid", sid.isPresent());
                    sid = OptionalInt.of(number(text, "sid", value, 16, Csn.MAX_SID));
                }
                case "csn" -> {
                    once(text, "csn", csns != null);
                    csns = csnList(text, value);
                }
                case "delcsn" -> {
                    once(text, "delcsn", delCsn != null);
                    delCsn = Csn.parse(value);
                }
                default -> {
                    // a field this version does not know: skipped, as slapd skips what it does not know
                }
            }
        }
        return new SyncCookie(rid, sid, csns == null ? CsnVector.EMPTY : csns, Optional.ofNullable(delCsn));
    }

    /** The CSN of server ID {@code sid} in this cookie's state, if it has one. */
    public Optional<Csn> csnFor(int sid) {
        return csns.get(sid);
    }

    /** This cookie with {@code csn} as the state of its server ID (inserted, or replacing the old one). */
    public SyncCookie withCsn(Csn csn) {
        return new SyncCookie(rid, sid, csns.with(csn), delCsn);
    }

    public SyncCookie withCsns(CsnVector state) {
        return new SyncCookie(rid, sid, state, delCsn);
    }

    public SyncCookie withRid(int replicaId) {
        return new SyncCookie(OptionalInt.of(replicaId), sid, csns, delCsn);
    }

    public SyncCookie withSid(int serverId) {
        return new SyncCookie(rid, OptionalInt.of(serverId), csns, delCsn);
    }

    public SyncCookie withDelCsn(Csn csn) {
        return new SyncCookie(rid, sid, csns, Optional.of(csn));
    }

    public SyncCookie withoutDelCsn() {
        return new SyncCookie(rid, sid, csns, Optional.empty());
    }

    /** Whether this cookie's state includes everything {@code other}'s does ({@link CsnVector#covers}). */
    public boolean covers(SyncCookie other) {
        return csns.covers(other.csns);
    }

    /** The canonical text: {@code rid=NNN,sid=SSS,csn=...,delcsn=...}, absent parts left out. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(4);
        rid.ifPresent(r -> parts.add(String.format("rid=%03d", r)));
        sid.ifPresent(s -> parts.add(String.format("sid=%03x", s)));
        if (!csns.isEmpty()) {
            parts.add("csn=" + csns);
        }
        delCsn.ifPresent(d -> parts.add("delcsn=" + d));
        return String.join(",", parts);
    }

    /** The canonical text as the bytes of a cookie on the wire. */
    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void once(String text, String name, boolean seen) throws SyncSyntaxException {
        if (seen) {
            throw bad(text, name + "= is given twice");
        }
    }

    /** Digits of {@code radix} (either case), any number of leading zeros, at most {@code max}. */
    private static int number(String text, String name, String digits, int radix, int max) throws SyncSyntaxException {
        if (digits.isEmpty()) {
            throw bad(text, name + "= has no value");
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0) {
                throw bad(text, name + "= is not a " + (radix == 10 ? "decimal" : "hex") + " number");
            }
            value = value * radix + d;
            if (value > max) {
                throw bad(
                        text, name + "= is above " + (radix == 10 ? Integer.toString(max) : Integer.toHexString(max)));
            }
        }
        return (int) value;
    }

    private static CsnVector csnList(String text, String value) throws SyncSyntaxException {
        if (value.isEmpty()) {
            return CsnVector.EMPTY;
        }
        String[] items = value.split(";", -1);
        int count = items[items.length - 1].isEmpty() ? items.length - 1 : items.length; // slapd takes a trailing ';'
        List<Csn> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(Csn.parse(items[i]));
        }
        try {
            return CsnVector.of(list);
        } catch (IllegalArgumentException e) {
            throw bad(text, e.getMessage());
        }
    }

    private static SyncSyntaxException bad(String text, String why) {
        return new SyncSyntaxException("not a sync cookie: " + why + ": " + Printable.quote(text));
    }
}
