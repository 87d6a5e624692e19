package dev.linden.backend;

import dev.linden.model.Attribute;
import dev.linden.model.Dn;
import dev.linden.model.LdapException;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.Filter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A fingerprint of what a naming context holds, so two servers of a mesh are compared by reading one
 * value from each: equal digests mean the same entries (entryUUID, entryCSN, DN and every stored value)
 * with overwhelming likelihood.
 *
 * <p>Each entry is hashed on its own (SHA-256 over its entryUUID, entryCSN, normalised DN and its
 * attributes in name order with their values sorted, the change state {@code lindenCsnState} left out
 * because it keeps history that each server forgets at its own time) and the digest is the sum of the
 * entries' first 128 bits modulo 2^128, which does not depend on the order a server stores its entries
 * in. Computing it reads the whole context in one transaction; the result is kept until the next write
 * commits, so repeated reads of cn=Monitor on a quiet server cost nothing.
 */
final class ContentDigest {
    private static final BigInteger MOD = BigInteger.ONE.shiftLeft(128);

    /** One naming context's digest, taken at store version {@code version}. */
    record Result(Dn suffix, long entries, String digest, long version) {}

    private final Schema schema;
    private final LongSupplier version;
    private final Map<Dn, Result> kept = new ConcurrentHashMap<>();
    private final AttributeType entryUuid;
    private final AttributeType entryCsn;

    ContentDigest(Schema schema, LongSupplier version) {
        this.schema = schema;
        this.version = version;
        this.entryUuid = schema.attributeType("entryUUID");
        this.entryCsn = schema.attributeType("entryCSN");
    }

    /** The digest of {@code suffix}, computed by {@code searches} unless no write committed since the last. */
    Result of(Dn suffix, SearchExecutor searches) throws LdapException {
        long now = version.getAsLong(); // read first: a write during the walk makes the next call recompute
        Result last = kept.get(suffix);
        if (last != null && last.version() == now) {
            return last;
        }
        MessageDigest sha = sha256();
        BigInteger[] sum = {BigInteger.ZERO};
        long[] count = {0};
        searches.search(
                SearchSpec.of(suffix, SearchScope.SUB, new Filter.Present("objectClass"), 0), (id, e, stored, view) -> {
                    sum[0] = sum[0].add(new BigInteger(1, Arrays.copyOf(entryHash(sha, e), 16)));
                    count[0]++;
                    return true;
                });
        Result r = new Result(suffix, count[0], String.format("%032x", sum[0].mod(MOD)), now);
        kept.put(suffix, r);
        return r;
    }

    private byte[] entryHash(MessageDigest sha, dev.linden.model.Entry e) {
        sha.reset();
        text(sha, e.firstString(entryUuid));
        text(sha, e.firstString(entryCsn));
        text(sha, e.dn().normalized());
        List<Attribute> attrs = new ArrayList<>();
        for (Attribute a : e.attributes()) {
            if (!a.description().type().isByNameOnly()) {
                attrs.add(a);
            }
        }
        attrs.sort(Comparator.comparing(a -> a.description().key()));
        for (Attribute a : attrs) {
            text(sha, a.description().key());
            List<byte[]> values = new ArrayList<>(a.values());
            values.sort(Arrays::compareUnsigned);
            length(sha, values.size());
            for (byte[] v : values) {
                length(sha, v.length); // lengths first, so no two lists of values hash alike
                sha.update(v);
            }
        }
        return sha.digest();
    }

    private static void length(MessageDigest sha, int n) {
        sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    }

    private static void text(MessageDigest sha, String s) {
        sha.update(String.valueOf(s).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
